package dev.ariadne.core;

import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/** Checks on model and guide programs. */
public final class Models {

    private Models() {
    }

    /**
     * Serialises {@code program} (a model, guide or guide program) and fails at once if it cannot be: a lambda that
     * captures {@code this}, a random stream or another non-serialisable object. Call it in a test so the failure
     * shows there, not later when shards are shipped to other machines.
     *
     * @throws IllegalArgumentException naming the object that is not serialisable
     */
    public static void requireSerializable(Serializable program) {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(program);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("not serialisable: it captures a " + e.getMessage()
                    + " (a captured 'this', random stream or other non-serialisable object)", e);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not serialisable: " + e, e);
        }
    }
}
