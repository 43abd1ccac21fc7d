import CPangoCairo

/// The C allocator's settings (glibc's `mallopt`).
public enum Allocator {
    /// Blocks up to 4 MB come from the heap and stay there when freed, instead of each being a
    /// fresh `mmap` faulted in page by page and unmapped at once.
    public static func keepLargeBlocksOnHeap() { saraban_keep_large_blocks_on_heap() }
}
