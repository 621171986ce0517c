package io.github.gradgraph.nn.data;

import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The last HDF5 dataset read whole for {@link ArrayRows}, kept (softly: the collector may drop it) so that the tasks
 * of one worker that each need a range of the same chunked dataset read the file once, not once each.
 */
final class WholeArrays {
    private record Key(Path file, String key, long modified, long size) {
    }

    private record Entry(Key key, NumericArray array) {
    }

    private static SoftReference<Entry> last = new SoftReference<>(null);

    private WholeArrays() {
    }

    static synchronized NumericArray read(Path file, String key) {
        Key k;
        try {
            k = new Key(file.toAbsolutePath(), key, Files.getLastModifiedTime(file).toMillis(), Files.size(file));
        } catch (java.io.IOException e) {
            throw new DataException(file + ": cannot be read: " + e.getMessage(), e);
        }
        Entry e = last.get();
        if (e != null && e.key().equals(k)) {
            return e.array();
        }
        NumericArray a = Hdf5.read(file, key);
        last = new SoftReference<>(new Entry(k, a));
        return a;
    }
}
