package dev.ariadne.core.testing;

/**
 * A CharSequence of a user's whose every method throws (length, charAt, subSequence and toString): text that a watch
 * of returned objects must leave unfollowed rather than crash on. Each instance is a new object, as a model that
 * returns one per run makes.
 */
public final class UnreadableText implements CharSequence {

    @Override
    public int length() {
        throw new IllegalStateException("length boom");
    }

    @Override
    public char charAt(int index) {
        throw new IllegalStateException("charAt boom");
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        throw new IllegalStateException("boom");
    }

    @Override
    public String toString() {
        throw new UnsupportedOperationException("toString not supported");
    }
}
