package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.testing.UnreadableText;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Text and numbers that can change in place are fingerprinted by what they hold, as their interfaces read it: a
 * CharSequence by its length and characters (not its toString), a long one by evenly spaced characters rather than
 * left unfollowed, and one whose methods throw is unfollowed rather than a crash (a hunt of this change).
 */
class FingerprintTextTest {

    /** "abc" by its characters, with a toString that counts its calls. */
    static final class Counting implements CharSequence {
        private int calls;

        @Override
        public int length() {
            return 3;
        }

        @Override
        public char charAt(int index) {
            return "abc".charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return "abc".subSequence(start, end);
        }

        @Override
        public String toString() {
            return "abc#" + ++calls;
        }
    }

    @Test
    void textIsHashedByItsCharactersAtABoundedCost() {
        StringBuilder b = new StringBuilder("x".repeat(20_000));
        long before = Fingerprint.of(b);
        assertThat(before).as("a long text is not left unfollowed").isNotEqualTo(Fingerprint.UNFOLLOWED);
        assertThat(Fingerprint.of(b)).isEqualTo(before);
        b.setCharAt(0, 'y');
        assertThat(Fingerprint.of(b)).isNotEqualTo(before);
        b.append('z');
        assertThat(Fingerprint.of(b)).as("its length counts").isNotEqualTo(before);
        StringBuilder shortText = new StringBuilder("abc");
        long s = Fingerprint.of(shortText);
        shortText.setCharAt(1, 'B');
        assertThat(Fingerprint.of(shortText)).isNotEqualTo(s);
    }

    @Test
    void aCharSequenceIsReadByItsCharactersAndOneThatThrowsIsUnfollowed() {
        Counting c = new Counting();
        assertThat(Fingerprint.of(c)).isEqualTo(Fingerprint.of(c));
        assertThat(Fingerprint.of(new UnreadableText())).isEqualTo(Fingerprint.UNFOLLOWED);
        AtomicLong n = new AtomicLong(5);
        long five = Fingerprint.of(n);
        n.set(6);
        assertThat(Fingerprint.of(n)).isNotEqualTo(five);
        assertThat(Fingerprint.unchangeable("text")).isTrue();
        assertThat(Fingerprint.unchangeable(new StringBuilder())).isFalse();
        assertThat(Fingerprint.unchangeable(n)).isFalse();
    }
}
