/*
 * Adapted from Apache Commons Numbers 1.2 (LogBeta, LogGammaSum, LogGamma1p, InvGamma1pm1), itself a port of the
 * NSWC Library of Mathematical Functions (Didonato and Morris 1992, Algorithm 708), which carries this notice:
 *
 * Licensed to the Apache Software Foundation (ASF) under one or more
 * contributor license agreements.  See the NOTICE file distributed with
 * this work for additional information regarding copyright ownership.
 * The ASF licenses this file to You under the Apache License, Version 2.0
 * (the "License"); you may not use this file except in compliance with
 * the License.  You may obtain a copy of the License at
 *
 *      http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.ariadne.core.dist;

import org.apache.commons.numbers.gamma.Gamma;

/**
 * {@code log B(a, b)}: bit for bit Commons Numbers 1.2's {@code LogBeta.value}, the same operations in the same
 * order (the arguments reduced by the recurrences of the gamma function to [1, 2], then the log-gammas of the reduced
 * arguments less the log-gamma of their sum; for large arguments the asymptotic series of Didonato and Morris).
 *
 * <p>Why: a hierarchical model's {@code Beta(a, b)} with new shapes at each run takes it once a run, and Commons'
 * took about 20% of such a run (the beta-binomial workload): its series kept its 15 partial sums in an array made
 * at every call where one shape is 10 or more, which C2 does not remove, and its log-gammas were calls of their own.
 * Here the partial sums are 15 local doubles and the pieces are small methods C2 inlines; the log-gammas of the
 * reduced arguments are {@link LogGammaSmall}'s, which are Commons' bit for bit.
 */
final class LogBetaFunction {

    private static final double HALF_LOG_TWO_PI = 0.9189385332046727;

    /** The coefficients of the asymptotic series of Delta(x) = log Gamma(x) - the Stirling terms, for x >= 10. */
    private static final double D0 = 0.08333333333333333;
    private static final double D1 = -2.777777777777778E-5;
    private static final double D2 = 7.936507936507937E-8;
    private static final double D3 = -5.952380952380953E-10;
    private static final double D4 = 8.417508417508329E-12;
    private static final double D5 = -1.917526917518546E-13;
    private static final double D6 = 6.410256405103255E-15;
    private static final double D7 = -2.955065141253382E-16;
    private static final double D8 = 1.7964371635940225E-17;
    private static final double D9 = -1.3922896466162779E-18;
    private static final double D10 = 1.338028550140209E-19;
    private static final double D11 = -1.542460098679661E-20;
    private static final double D12 = 1.9770199298095743E-21;
    private static final double D13 = -2.3406566479399704E-22;
    private static final double D14 = 1.713480149663986E-23;

    private LogBetaFunction() {
    }

    /**
     * {@code log B(p, q)}, as Commons' {@code LogBeta.value(p, q)}: NaN unless both are > 0.
     *
     * <p>Its branches are written in this one method on purpose: it is then above C2's FreqInlineSize (325 bytes of
     * bytecode) and is compiled once and called, as Commons' was. At 305 bytes C2 inlined it, through the Beta
     * constructor's refill, into every site that makes a Beta, which was then too big to inline into the model, and
     * the Beta escaped and was allocated ({@code HotPathShapeTest} keeps the size).
     */
    static double value(double p, double q) {
        if (Double.isNaN(p) || Double.isNaN(q) || p <= 0 || q <= 0) {
            return Double.NaN;
        }
        double a = Math.min(p, q);
        double b = Math.max(p, q);
        if (a >= 10) {
            double w = sumDeltaMinusDeltaSum(a, b);
            double h = a / b;
            double c = h / (1 + h);
            double u = -(a - 0.5) * Math.log(c);
            double v = b * Math.log1p(h);
            if (u <= v) {
                return (((-0.5 * Math.log(b) + HALF_LOG_TWO_PI) + w) - u) - v;
            }
            return (((-0.5 * Math.log(b) + HALF_LOG_TWO_PI) + w) - v) - u;
        }
        if (a > 2) {
            if (b > 1000) {
                int n = (int) Math.floor(a - 1);
                double prod = 1;
                double ared = a;
                for (int i = 0; i < n; i++) {
                    ared -= 1;
                    prod *= ared / (1 + ared / b);
                }
                return (Math.log(prod) - n * Math.log(b)) + (logGamma(ared) + logGammaMinusLogGammaSum(ared, b));
            }
            double prod1 = 1;
            double ared = a;
            while (ared > 2) {
                ared -= 1;
                double h = ared / b;
                prod1 *= h / (1 + h);
            }
            if (b < 10) {
                double prod2 = 1;
                double bred = b;
                while (bred > 2) {
                    bred -= 1;
                    prod2 *= bred / (ared + bred);
                }
                return Math.log(prod1) + Math.log(prod2)
                        + (logGamma(ared) + (logGamma(bred) - logGammaSum(ared, bred)));
            }
            return Math.log(prod1) + logGamma(ared) + logGammaMinusLogGammaSum(ared, b);
        }
        if (a >= 1) {
            if (b > 2) {
                if (b < 10) {
                    double prod = 1;
                    double bred = b;
                    while (bred > 2) {
                        bred -= 1;
                        prod *= bred / (a + bred);
                    }
                    return Math.log(prod) + (logGamma(a) + (logGamma(bred) - logGammaSum(a, bred)));
                }
                return logGamma(a) + logGammaMinusLogGammaSum(a, b);
            }
            return logGamma(a) + logGamma(b) - logGammaSum(a, b);
        }
        return aBelowOne(a, b);
    }

    /** 0 < a < 1, a <= b. */
    private static double aBelowOne(double a, double b) {
        if (b >= 10) {
            return logGamma(a) + logGammaMinusLogGammaSum(a, b);
        }
        double beta = Gamma.value(a) * Gamma.value(b) / Gamma.value(a + b);
        if (Double.isFinite(beta)) {
            return Math.log(beta);
        }
        return logGamma(a) + (logGamma(b) - logGamma(a + b));
    }

    private static double logGamma(double x) {
        return LogMath.logGamma(x);
    }

    /** {@code log Gamma(b) - log Gamma(a + b)} for a >= 0, b >= 10. */
    private static double logGammaMinusLogGammaSum(double a, double b) {
        double d = b + (a - 0.5);
        double w = deltaMinusDeltaSum(a, b);
        double u = d * Math.log1p(a / b);
        double v = a * (Math.log(b) - 1);
        return u <= v ? (w - u) - v : (w - v) - u;
    }

    /** {@code Delta(b) - Delta(a + b)} for 0 <= a <= b, b >= 10: the series with its partial sums s1..s14. */
    private static double deltaMinusDeltaSum(double a, double b) {
        double h = a / b;
        double p = h / (1 + h);
        double q = 1 / (1 + h);
        double q2 = q * q;
        double s1 = 1 + (q + q2 * 1);
        double s2 = 1 + (q + q2 * s1);
        double s3 = 1 + (q + q2 * s2);
        double s4 = 1 + (q + q2 * s3);
        double s5 = 1 + (q + q2 * s4);
        double s6 = 1 + (q + q2 * s5);
        double s7 = 1 + (q + q2 * s6);
        double s8 = 1 + (q + q2 * s7);
        double s9 = 1 + (q + q2 * s8);
        double s10 = 1 + (q + q2 * s9);
        double s11 = 1 + (q + q2 * s10);
        double s12 = 1 + (q + q2 * s11);
        double s13 = 1 + (q + q2 * s12);
        double s14 = 1 + (q + q2 * s13);
        double sqrtT = 10 / b;
        double t = sqrtT * sqrtT;
        double w = D14 * s14;
        w = t * w + D13 * s13;
        w = t * w + D12 * s12;
        w = t * w + D11 * s11;
        w = t * w + D10 * s10;
        w = t * w + D9 * s9;
        w = t * w + D8 * s8;
        w = t * w + D7 * s7;
        w = t * w + D6 * s6;
        w = t * w + D5 * s5;
        w = t * w + D4 * s4;
        w = t * w + D3 * s3;
        w = t * w + D2 * s2;
        w = t * w + D1 * s1;
        w = t * w + D0 * 1;
        return w * p / b;
    }

    /** {@code Delta(a) + Delta(b) - Delta(a + b)} for a, b >= 10. */
    private static double sumDeltaMinusDeltaSum(double p, double q) {
        double a = Math.min(p, q);
        double b = Math.max(p, q);
        double sqrtT = 10 / a;
        double t = sqrtT * sqrtT;
        double z = D14;
        z = t * z + D13;
        z = t * z + D12;
        z = t * z + D11;
        z = t * z + D10;
        z = t * z + D9;
        z = t * z + D8;
        z = t * z + D7;
        z = t * z + D6;
        z = t * z + D5;
        z = t * z + D4;
        z = t * z + D3;
        z = t * z + D2;
        z = t * z + D1;
        z = t * z + D0;
        return z / a + deltaMinusDeltaSum(a, b);
    }

    /** {@code log Gamma(a + b)} for a, b in [1, 2]. */
    private static double logGammaSum(double a, double b) {
        double x = (a - 1) + (b - 1);
        if (x <= 0.5) {
            return logGamma1p(1 + x);
        }
        if (x <= 1.5) {
            return logGamma1p(x) + Math.log1p(x);
        }
        return logGamma1p(x - 1) + Math.log(x * (1 + x));
    }

    /** {@code log Gamma(1 + x)} for x in [-1/2, 3/2]. */
    private static double logGamma1p(double x) {
        return -Math.log1p(invGamma1pm1(x));
    }

    /** {@code 1 / Gamma(1 + x) - 1} for x in [-1/2, 3/2]. */
    private static double invGamma1pm1(double x) {
        double t = x <= 0.5 ? x : (x - 0.5) - 0.5;
        if (t < 0) {
            double a = 6.116095104481416E-9 + t * 6.247308301164655E-9;
            double b = 1.9575583661463974E-10;
            b = -6.077618957228252E-8 + t * b;
            b = 9.926418406727737E-7 + t * b;
            b = -6.4304548177935305E-6 + t * b;
            b = -8.514194324403149E-6 + t * b;
            b = 4.939449793824468E-4 + t * b;
            b = 0.026620534842894922 + t * b;
            b = 0.203610414066807 + t * b;
            b = 1 + t * b;
            double c = -2.056338416977607E-7 + t * (a / b);
            c = tail(t, c);
            c = -0.42278433509846713 + t * c;
            return x > 0.5 ? t * c / x : x * ((c + 0.5) + 0.5);
        }
        double p = 4.343529937408594E-15;
        p = -1.2494415722763663E-13 + t * p;
        p = 1.5728330277104463E-12 + t * p;
        p = 4.686843322948848E-11 + t * p;
        p = 6.820161668496171E-10 + t * p;
        p = 6.8716741130671986E-9 + t * p;
        p = 6.116095104481416E-9 + t * p;
        double q = 2.6923694661863613E-4;
        q = 0.004956830093825887 + t * q;
        q = 0.054642130860422966 + t * q;
        q = 0.3056961078365221 + t * q;
        q = 1 + t * q;
        double c = -2.056338416977607E-7 + (p / q) * t;
        c = tail(t, c);
        c = 0.5772156649015329 + t * c;
        return x > 0.5 ? (t / x) * ((c - 0.5) - 0.5) : x * c;
    }

    /** The twelve terms of {@link #invGamma1pm1}'s series that both of its halves share. */
    private static double tail(double t, double c) {
        c = 1.133027231981696E-6 + t * c;
        c = -1.2504934821426706E-6 + t * c;
        c = -2.013485478078824E-5 + t * c;
        c = 1.280502823881162E-4 + t * c;
        c = -2.1524167411495098E-4 + t * c;
        c = -0.0011651675918590652 + t * c;
        c = 0.0072189432466631 + t * c;
        c = -0.009621971527876973 + t * c;
        c = -0.04219773455554433 + t * c;
        c = 0.16653861138229148 + t * c;
        c = -0.04200263503409524 + t * c;
        return -0.6558780715202539 + t * c;
    }
}
