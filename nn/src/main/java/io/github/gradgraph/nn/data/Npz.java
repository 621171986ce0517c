package io.github.gradgraph.nn.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads numpy's {@code .npz} archives, as {@code numpy.savez} and {@code numpy.savez_compressed} write them: a zip
 * file with one {@code NAME.npy} entry per array.
 */
public final class Npz {
    private static final long MAX_ENTRY = Integer.MAX_VALUE - 8;

    private Npz() {
    }

    /**
     * @return every array of the archive by name, in the archive's order
     * @throws DataException naming the file and the problem
     */
    public static Map<String, NumericArray> readAll(Path file) {
        Map<String, NumericArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = open(file)) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                String name = arrayName(e);
                if (name != null) {
                    arrays.put(name, read(file, zip, e, name));
                }
            }
        } catch (IOException e) {
            throw new DataException(file + ": cannot be read as a numpy .npz archive: " + e.getMessage(), e);
        }
        return arrays;
    }

    /**
     * @param key the array's name, as given to {@code numpy.savez}
     * @throws DataException naming the file and, when the key is missing, the keys it has
     */
    public static NumericArray read(Path file, String key) {
        try (ZipFile zip = open(file)) {
            ZipEntry entry = zip.getEntry(key + ".npy");
            if (entry == null) {
                throw new DataException(file + ": no array '" + key + "'; it has " + describeKeys(keys(zip)));
            }
            return read(file, zip, entry, key);
        } catch (IOException e) {
            throw new DataException(file + ": cannot be read as a numpy .npz archive: " + e.getMessage(), e);
        }
    }

    /** @return the names of the archive's arrays */
    public static List<String> keys(Path file) {
        try (ZipFile zip = open(file)) {
            return keys(zip);
        } catch (IOException e) {
            throw new DataException(file + ": cannot be read as a numpy .npz archive: " + e.getMessage(), e);
        }
    }

    private static ZipFile open(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new DataException(file + ": no such file");
        }
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new DataException(file + ": not a numpy .npz archive (not a zip file: " + e.getMessage() + ")");
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file");
        }
    }

    private static NumericArray read(Path file, ZipFile zip, ZipEntry e, String key) throws IOException {
        if (e.getSize() > MAX_ENTRY) {
            throw new DataException(file + ": array '" + key + "' is too large (" + e.getSize() + " bytes)");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
            bytes = in.readNBytes((int) MAX_ENTRY); // the declared size may be absent or false: never read more
            if (in.read() >= 0) {
                throw new DataException(file + ": array '" + key + "' is too large (over " + MAX_ENTRY + " bytes)");
            }
        } catch (ZipException ex) {
            throw new DataException(file + ": array '" + key + "' is corrupt (" + ex.getMessage() + ")");
        }
        return Npy.parse(file + " array '" + key + "'", bytes);
    }

    private static List<String> keys(ZipFile zip) {
        List<String> keys = new ArrayList<>();
        for (ZipEntry e : java.util.Collections.list(zip.entries())) {
            String name = arrayName(e);
            if (name != null) {
                keys.add(name);
            }
        }
        return keys;
    }

    private static String arrayName(ZipEntry e) {
        String n = e.getName();
        return !e.isDirectory() && n.endsWith(".npy") ? n.substring(0, n.length() - 4) : null;
    }

    static String describeKeys(List<String> keys) {
        return keys.isEmpty() ? "no arrays" : "arrays " + String.join(", ", keys);
    }
}
