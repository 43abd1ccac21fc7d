// Calls libxml2's xmlTextReader through dlopen: libxml2 parses the XML; this file only hands
// its nodes to Swift.
#include "CXMLReader.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void *reader_t;
static struct {
    reader_t (*forMemory)(const char *, int, const char *, const char *, int);
    int (*read)(reader_t);
    int (*nodeType)(reader_t);
    const unsigned char *(*localName)(reader_t);
    const unsigned char *(*value)(reader_t);
    int (*isEmpty)(reader_t);
    unsigned char *(*attribute)(reader_t, const unsigned char *);
    void (*freeReader)(reader_t);
    void (**xmlFree)(void *);
    int loaded;
} xml;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    void *library = dlopen("libxml2.so.2", RTLD_NOW | RTLD_LOCAL);
    if (!library) return;
    xml.forMemory = dlsym(library, "xmlReaderForMemory");
    xml.read = dlsym(library, "xmlTextReaderRead");
    xml.nodeType = dlsym(library, "xmlTextReaderNodeType");
    xml.localName = dlsym(library, "xmlTextReaderConstLocalName");
    xml.value = dlsym(library, "xmlTextReaderConstValue");
    xml.isEmpty = dlsym(library, "xmlTextReaderIsEmptyElement");
    xml.attribute = dlsym(library, "xmlTextReaderGetAttribute");
    xml.freeReader = dlsym(library, "xmlFreeTextReader");
    xml.xmlFree = dlsym(library, "xmlFree");
    xml.loaded = xml.forMemory && xml.read && xml.nodeType && xml.localName && xml.value && xml.isEmpty
        && xml.attribute && xml.freeReader && xml.xmlFree;
}

struct saraban_xml {
    reader_t reader;
    int pendingEnd;          /* an empty element's end, still to report */
    char *attribute;         /* the last attribute value returned (freed on the next call) */
};

enum { XML_PARSE_NONET = 1 << 11, XML_PARSE_NOENT = 1 << 1 };

saraban_xml *saraban_xml_open(const char *data, size_t length, char *error, size_t error_length) {
    pthread_once(&once, load);
    if (!xml.loaded) {
        snprintf(error, error_length, "libxml2 (libxml2.so.2) is needed to read Excel workbooks; on Debian: apt install libxml2");
        return NULL;
    }
    if (length > 0x7fffffff) { snprintf(error, error_length, "the part is too large"); return NULL; }
    // No network access, and entities are not substituted (no entity expansion).
    reader_t reader = xml.forMemory(data, (int)length, NULL, NULL, XML_PARSE_NONET);
    if (!reader) { snprintf(error, error_length, "not XML"); return NULL; }
    saraban_xml *result = calloc(1, sizeof *result);
    if (!result) { xml.freeReader(reader); snprintf(error, error_length, "out of memory"); return NULL; }
    result->reader = reader;
    return result;
}

int saraban_xml_next(saraban_xml *x, const char **name, const char **text) {
    *name = "";
    *text = "";
    if (x->pendingEnd) { x->pendingEnd = 0; *name = (const char *)xml.localName(x->reader); return 2; }
    for (;;) {
        int status = xml.read(x->reader);
        if (status == 0) return 0;
        if (status < 0) return -1;
        switch (xml.nodeType(x->reader)) {
        case 1: /* element */
            *name = (const char *)xml.localName(x->reader);
            if (xml.isEmpty(x->reader)) x->pendingEnd = 1;
            return 1;
        case 15: /* end of element */
            *name = (const char *)xml.localName(x->reader);
            return 2;
        case 3: case 4: case 14: /* text, CDATA, significant whitespace */
            *text = (const char *)xml.value(x->reader);
            if (!*text) *text = "";
            return 3;
        default:
            continue;
        }
    }
}

const char *saraban_xml_attribute(saraban_xml *x, const char *name) {
    if (x->attribute) { (*xml.xmlFree)(x->attribute); x->attribute = NULL; }
    x->attribute = (char *)xml.attribute(x->reader, (const unsigned char *)name);
    return x->attribute;
}

void saraban_xml_close(saraban_xml *x) {
    if (!x) return;
    if (x->attribute) (*xml.xmlFree)(x->attribute);
    xml.freeReader(x->reader);
    free(x);
}
