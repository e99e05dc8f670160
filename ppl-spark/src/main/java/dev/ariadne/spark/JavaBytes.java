package dev.ariadne.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;

/**
 * Java serialisation of one object to bytes and back, reading classes through the thread's context class loader
 * (where Spark puts the application's jar, on the driver and on the executors).
 */
final class JavaBytes {

    private JavaBytes() {
    }

    /** The serialised form of {@code o}. */
    static byte[] write(Object o) throws NotSerializableException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (NotSerializableException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A stream reading the objects serialised in {@code bytes}, one after another. */
    static ObjectInputStream reader(byte[] bytes) {
        try {
            return new ContextObjectInputStream(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read a task's results on the driver", e);
        }
    }

    /** The object serialised in {@code bytes}. */
    static Object read(byte[] bytes) {
        try (ObjectInputStream in = new ContextObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read a shard's result back on the driver", e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a shard's result names a class the driver does not have: "
                    + e.getMessage(), e);
        }
    }

    /** Resolves classes with the context class loader first. */
    private static final class ContextObjectInputStream extends ObjectInputStream {
        ContextObjectInputStream(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // fall through to the default (primitive types, the caller's loader)
                }
            }
            return super.resolveClass(desc);
        }
    }
}
