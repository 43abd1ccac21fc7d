import SarabanGraphics

/// Settings for a process that writes documents, applied once at its start (the `saraban`
/// command and the benchmark call it; a program that embeds the library decides for itself).
public enum ProcessTuning {
    /// A PDF and its read-back copy are tens to hundreds of kilobytes: above glibc's starting
    /// threshold (128 KB) each was a fresh `mmap`, faulted in page by page and returned at once —
    /// 0.8 ms of every letter in a batch. Kept on the heap, the same memory serves letter after
    /// letter; peak memory stays flat (see the benchmark).
    public static func apply() {
        Allocator.keepLargeBlocksOnHeap()
    }
}
