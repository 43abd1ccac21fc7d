#define _GNU_SOURCE
#include "CSafeFiles.h"
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A fixed table, so that the signal handler reads it without allocating or locking: a slot's
   path is written before its flag is set, and the flag cleared before the path is reused. */
#define SLOTS 256
#define PATH_CAPACITY 4096
static char slot_path[SLOTS][PATH_CAPACITY];
static volatile sig_atomic_t slot_used[SLOTS];
static pthread_mutex_t slot_lock = PTHREAD_MUTEX_INITIALIZER;

static const int watched[] = {SIGINT, SIGTERM, SIGHUP, SIGSEGV, SIGILL, SIGBUS, SIGFPE, SIGABRT, SIGTRAP};
#define WATCHED (sizeof watched / sizeof watched[0])
static struct sigaction previous[WATCHED];
static int installed;

static mode_t mode_for_new_files;
static pthread_once_t umask_read = PTHREAD_ONCE_INIT;

/* umask can only be read by setting it: done once, before any file is made. */
static void read_umask(void) {
    mode_t mask = umask(022);
    umask(mask);
    mode_for_new_files = 0666 & ~mask;
}

static mode_t file_mode(void) {
    pthread_once(&umask_read, read_umask);
    return mode_for_new_files;
}

int saraban_temp_create(const char *directory, const char *name, char *path, size_t capacity) {
    mode_t mode = file_mode();
    int written = snprintf(path, capacity, "%s/.%s.XXXXXX.tmp", directory, name);
    if (written < 0 || (size_t)written >= capacity || (size_t)written >= PATH_CAPACITY) {
        errno = ENAMETOOLONG;
        return -1;
    }
    pthread_mutex_lock(&slot_lock);
    int slot = -1;
    for (int i = 0; i < SLOTS; i++) {
        if (!slot_used[i]) { slot = i; break; }
    }
    if (slot < 0) {
        pthread_mutex_unlock(&slot_lock);
        errno = EMFILE;
        return -1;
    }
    /* mkstemps opens with O_CREAT | O_EXCL: never an existing file, never through a symlink. */
    int fd = mkostemps(path, 4, O_CLOEXEC);
    if (fd >= 0) {
        fchmod(fd, mode);
        memcpy(slot_path[slot], path, strlen(path) + 1);
        slot_used[slot] = 1;
    }
    pthread_mutex_unlock(&slot_lock);
    return fd;
}

void saraban_temp_forget(const char *path) {
    pthread_mutex_lock(&slot_lock);
    for (int i = 0; i < SLOTS; i++) {
        if (slot_used[i] && strcmp(slot_path[i], path) == 0) { slot_used[i] = 0; break; }
    }
    pthread_mutex_unlock(&slot_lock);
}

int saraban_temp_count(void) {
    int count = 0;
    for (int i = 0; i < SLOTS; i++) count += slot_used[i] ? 1 : 0;
    return count;
}

static void remove_and_resend(int signal_number) {
    for (int i = 0; i < SLOTS; i++) {
        if (slot_used[i]) unlink(slot_path[i]);   /* unlink is async-signal-safe */
    }
    for (size_t i = 0; i < WATCHED; i++) {
        if (watched[i] != signal_number) continue;
        /* Hand the signal to whoever had it before: the Swift backtracer, or the default action. */
        sigaction(signal_number, &previous[i], NULL);
        break;
    }
    /* A fault happens again when the handler returns, now to the previous handler; a signal
       sent from outside (or by abort) is sent again. */
    if (signal_number == SIGINT || signal_number == SIGTERM || signal_number == SIGHUP || signal_number == SIGABRT)
        raise(signal_number);
}

void saraban_temp_remove_on_signals(void) {
    pthread_mutex_lock(&slot_lock);
    if (!installed) {
        installed = 1;
        for (size_t i = 0; i < WATCHED; i++) {
            struct sigaction action;
            memset(&action, 0, sizeof action);
            action.sa_handler = remove_and_resend;
            sigemptyset(&action.sa_mask);
            action.sa_flags = SA_RESETHAND | SA_ONSTACK;
            sigaction(watched[i], &action, &previous[i]);
            /* A signal the caller chose to ignore (nohup's SIGHUP) stays ignored. */
            if (previous[i].sa_handler == SIG_IGN) sigaction(watched[i], &previous[i], NULL);
        }
        /* A parent may start us with these blocked (some test runners do): they must reach us. */
        sigset_t interrupting;
        sigemptyset(&interrupting);
        sigaddset(&interrupting, SIGINT);
        sigaddset(&interrupting, SIGTERM);
        sigaddset(&interrupting, SIGHUP);
        pthread_sigmask(SIG_UNBLOCK, &interrupting, NULL);
    }
    pthread_mutex_unlock(&slot_lock);
}
