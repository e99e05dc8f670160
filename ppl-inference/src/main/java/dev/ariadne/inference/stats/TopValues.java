package dev.ariadne.inference.stats;

import java.util.Arrays;

/**
 * The largest values offered so far, at most a fixed capacity of them, in a binary min-heap whose array grows with
 * what it holds (never allocated to the capacity up front). Which copies of tied values it holds can depend on the
 * order of the offers, but the multiset of values held is always the top {@code capacity} of everything offered.
 * Package-private helper of {@link ParetoKHat} and {@link TailFilter}; not thread-safe.
 */
final class TopValues {

    /** The largest array the JVM allocates reliably. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final int FIRST_ARRAY = 16;

    private int capacity;
    private double[] heap;
    private int size;

    TopValues(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.capacity = capacity;
        this.heap = new double[Math.min(capacity, FIRST_ARRAY)];
    }

    /** A copy of {@code values} (at most {@code capacity} of them, in heap order). */
    static TopValues of(int capacity, double[] values, int count) {
        TopValues t = new TopValues(capacity);
        t.heap = Arrays.copyOf(values, Math.max(count, Math.min(capacity, FIRST_ARRAY)));
        t.size = count;
        return t;
    }

    int capacity() {
        return capacity;
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == capacity;
    }

    /** The smallest value held; only meaningful when {@link #size()} is positive. */
    double min() {
        return heap[0];
    }

    /** The values held, in heap order (a copy). */
    double[] values() {
        return Arrays.copyOf(heap, size);
    }

    double valueAt(int i) {
        return heap[i];
    }

    /** Raises the capacity (values already dropped stay dropped). */
    void raiseCapacity(int newCapacity) {
        capacity = Math.max(capacity, newCapacity);
    }

    /**
     * Offers a value.
     *
     * @return whether it is now held (false: the heap was full and {@code v} was not above its minimum)
     */
    boolean offer(double v) {
        if (size < capacity) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, (int) Math.min(capacity, Math.min(MAX_ARRAY, 2L * heap.length)));
            }
            heap[size] = v;
            siftUp(size++);
            return true;
        }
        if (v > heap[0]) {
            heap[0] = v;
            siftDown(0);
            return true;
        }
        return false;
    }

    private void siftUp(int i) {
        double v = heap[i];
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (heap[p] <= v) {
                break;
            }
            heap[i] = heap[p];
            i = p;
        }
        heap[i] = v;
    }

    private void siftDown(int i) {
        double v = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            if (c + 1 < size && heap[c + 1] < heap[c]) {
                c++;
            }
            if (v <= heap[c]) {
                break;
            }
            heap[i] = heap[c];
            i = c;
        }
        heap[i] = v;
    }

    /** The length of the array behind the heap (for tests of the memory bound). */
    int arrayLength() {
        return heap.length;
    }
}
