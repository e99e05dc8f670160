package dev.ariadne.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The notebook's tables print a lower bound rounded down and an upper end rounded up, so each is still a bound. */
class NotebookBoundsTest {

    @Test
    void boundsInTablesRoundOutwardInTheLayoutOfEveryOtherFigure() {
        assertThat(Notebook.num(0.1234567)).isEqualTo("0.12346");
        assertThat(Notebook.lower(0.1234567)).isEqualTo("0.12345");
        assertThat(Notebook.upper(0.1234561)).isEqualTo("0.12346");
        assertThat(Notebook.lower(1.6582199e-12)).isEqualTo("1.6582e-12");
        assertThat(Notebook.upper(1.6582101e-12)).isEqualTo("1.6583e-12");
        assertThat(Notebook.lower(-27.125349)).isEqualTo("-27.12535");
        assertThat(Notebook.num(5.123456e-4)).isEqualTo("5.1235e-04");
        assertThat(Notebook.lower(5.123456e-4)).isEqualTo("5.1234e-04");
        assertThat(Notebook.upper(2.0000001e6)).isEqualTo("2.0001e+06");
        assertThat(Notebook.lower(0)).isEqualTo(Notebook.num(0));
        assertThat(Notebook.lower(Double.NEGATIVE_INFINITY)).isEqualTo(Notebook.num(Double.NEGATIVE_INFINITY));
    }
}
