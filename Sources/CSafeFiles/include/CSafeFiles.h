#ifndef SARABAN_CSAFEFILES_H
#define SARABAN_CSAFEFILES_H
#include <stddef.h>

/* Temporary output files that must not outlive the process. A file is created exclusively
   (O_EXCL, a random name, no symlink followed) beside its destination and registered; a signal
   that ends the process (SIGINT, SIGTERM, SIGHUP) or a crash (SIGSEGV, SIGILL, SIGBUS, SIGFPE,
   SIGABRT, SIGTRAP) removes every registered file before the process ends as it would have. */

/* Creates `directory/.NAME.XXXXXX.tmp` with mode 0666 less the umask; writes its path into
   `path` (`capacity` bytes). Returns the open descriptor, or -1 with errno set. */
int saraban_temp_create(const char *directory, const char *name, char *path, size_t capacity);

/* The file at `path` is no longer temporary (renamed or removed): stop watching it. */
void saraban_temp_forget(const char *path);

/* Installs the handlers (once; later calls do nothing). Handlers already installed for these
   signals (the Swift runtime's backtracer) still run afterwards. */
void saraban_temp_remove_on_signals(void);

/* How many temporary files are registered now (for tests). */
int saraban_temp_count(void);
#endif
