#ifndef SARABAN_CXMLREADER_H
#define SARABAN_CXMLREADER_H
#include <stddef.h>

/// libxml2's streaming reader, opened with dlopen the first time a workbook is read: a
/// program that never reads one never loads libxml2 (and the ICU it brings) at start.
typedef struct saraban_xml saraban_xml;

/// A reader over `data` (no external entities, no network); NULL with `error` set when libxml2
/// cannot be loaded or the data cannot be read.
saraban_xml *saraban_xml_open(const char *data, size_t length, char *error, size_t error_length);

/// The next node: 1 an element start, 2 its end (an empty element gives both), 3 text; 0 at the
/// end; -1 malformed XML. `name` is the element's local name (or empty for text), `text` the
/// text's content; both stay valid until the next call.
int saraban_xml_next(saraban_xml *reader, const char **name, const char **text);

/// The value of an attribute of the current element, by its qualified name (`r:id`), or NULL.
/// Valid until the next call.
const char *saraban_xml_attribute(saraban_xml *reader, const char *name);

void saraban_xml_close(saraban_xml *reader);

#endif
