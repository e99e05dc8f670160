/*
 * Adapted from Apache Commons Numbers 1.2 (BoostGamma.lgammaSmall, Sum, DD.twoSumLow,
 * ExtendedPrecision.productLow), itself a port of the Boost C++ library's lgamma, which carries this notice:
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

/**
 * {@code log Gamma(z)} for z in [{@value #MIN}, {@value #MAX}): bit for bit Commons Numbers 1.2's
 * {@code LogGamma.value} there (its {@code lgammaSmall}: argument reduction to [1, 3) and Boost's rational
 * approximations, summed in double-double), with the double-double sum kept in two local doubles instead of a
 * Commons {@code Sum} object.
 *
 * <p>Why: that {@code Sum} is removed by escape analysis only when C2 inlines the whole of the log-gamma into one
 * compilation, which it did in some JVM starts and not in others; a {@code Gamma} made at a site with a new shape
 * at each then allocated 32 bytes per site in those starts. Here there is nothing to allocate, and the method
 * (above C2's FreqInlineSize) is compiled once and called with a number only.
 */
final class LogGammaSmall {

    /** The smallest argument taken here: Boost's sqrt(epsilon); below it Commons uses a two-term expansion. */
    static final double MIN = 1.4901161193847656E-8;
    /** Above this Commons uses log(tgamma(z)) or Stirling's series. */
    static final double MAX = 15;

    /** Products below this may have a subnormal round-off: 2^-1022 2^54. */
    private static final double SAFE_LOWER = 0x1.0p-968;
    /** Products above this may overflow in Dekker's split. */
    private static final double SAFE_UPPER = 0x1.0p996;
    private static final double DOWN_SCALE = 0x1.0p-30;
    private static final double UP_SCALE = 0x1.0p30;
    private static final double UP_SCALE2 = 0x1.0p60;
    private static final double DOWN_SCALE2 = 0x1.0p-60;
    /** Dekker's split multiplier, 2^27 + 1. */
    private static final double MULTIPLIER = 1.0 + 0x1.0p27;

    private LogGammaSmall() {
    }

    /**
     * {@code log Gamma(z)} for {@code MIN <= z < MAX}, as {@code LogGamma.value(z)} computes it.
     *
     * @param z in [{@value #MIN}, {@value #MAX})
     */
    static double value(double z) {
        double zm1 = z - 1;
        double zm2 = z - 2;
        if (zm1 == 0 || zm2 == 0) {
            return 0;
        }
        // the double-double sum: sum + comp, as Commons' Sum keeps it
        double sum = 0;
        double comp = 0;
        // the result is sum + prefix y + prefix r, with y a float constant and r a rational approximation
        double prefix;
        double y;
        double r;
        double p;
        double q;
        if (z > 2) {
            // reduce z to [2, 3), then log Gamma(z) = (z - 2)(z + 1)(y + R(z - 2))
            if (z >= 3) {
                do {
                    z -= 1;
                    double t = Math.log(z);
                    double s = sum + t;
                    comp += twoSumLow(sum, t, s);
                    sum = s;
                } while (z >= 3);
                zm2 = z - 2;
            }
            p = -0.324588649825948492091e-4;
            p = -0.541009869215204396339e-3 + p * zm2;
            p = -0.259453563205438108893e-3 + p * zm2;
            p =  0.172491608709613993966e-1 + p * zm2;
            p =  0.494103151567532234274e-1 + p * zm2;
            p =   0.25126649619989678683e-1 + p * zm2;
            p = -0.180355685678449379109e-1 + p * zm2;
            q = -0.223352763208617092964e-6;
            q =  0.224936291922115757597e-3 + q * zm2;
            q =   0.82130967464889339326e-2 + q * zm2;
            q =  0.988504251128010129477e-1 + q * zm2;
            q =   0.541391432071720958364e0 + q * zm2;
            q =   0.148019669424231326694e1 + q * zm2;
            q =   0.196202987197795200688e1 + q * zm2;
            q =                       0.1e1 + q * zm2;
            y = 0.158963680267333984375e0f;
            prefix = zm2 * (z + 1);
            r = p / q;
        } else {
            if (z < 1) {
                // shift z to [1, 2)
                double t = -Math.log(z);
                double s = sum + t;
                comp += twoSumLow(sum, t, s);
                sum = s;
                zm2 = zm1;
                zm1 = z;
                z += 1;
            }
            if (z <= 1.5) {
                // log Gamma(z) = (z - 1)(z - 2)(y + R(z - 1))
                p = -0.100346687696279557415e-2;
                p = -0.240149820648571559892e-1 + p * zm1;
                p =  -0.158413586390692192217e0 + p * zm1;
                p =  -0.406567124211938417342e0 + p * zm1;
                p =  -0.414983358359495381969e0 + p * zm1;
                p = -0.969117530159521214579e-1 + p * zm1;
                p =  0.490622454069039543534e-1 + p * zm1;
                q = 0.195768102601107189171e-2;
                q = 0.577039722690451849648e-1 + q * zm1;
                q =  0.507137738614363510846e0 + q * zm1;
                q =  0.191415588274426679201e1 + q * zm1;
                q =  0.348739585360723852576e1 + q * zm1;
                q =  0.302349829846463038743e1 + q * zm1;
                q =                      0.1e1 + q * zm1;
                y = 0.52815341949462890625f;
                r = p / q;
                prefix = zm1 * zm2;
            } else {
                // log Gamma(z) = (2 - z)(1 - z)(y + R(2 - z))
                double mzm2 = -zm2;
                p =  0.431171342679297331241e-3;
                p = -0.850535976868336437746e-2 + p * mzm2;
                p =  0.542809694055053558157e-1 + p * mzm2;
                p =  -0.142440390738631274135e0 + p * mzm2;
                p =   0.144216267757192309184e0 + p * mzm2;
                p = -0.292329721830270012337e-1 + p * mzm2;
                q = -0.827193521891290553639e-6;
                q = -0.100666795539143372762e-2 + q * mzm2;
                q =   0.25582797155975869989e-1 + q * mzm2;
                q =  -0.220095151814995745555e0 + q * mzm2;
                q =   0.846973248876495016101e0 + q * mzm2;
                q =  -0.150169356054485044494e1 + q * mzm2;
                q =                       0.1e1 + q * mzm2;
                y = 0.452017307281494140625f;
                prefix = zm2 * zm1;
                r = p / q;
            }
        }
        double product = prefix * y;
        double s = sum + product;
        comp += twoSumLow(sum, product, s) + productLow(prefix, y, product);
        sum = s;
        product = prefix * r;
        s = sum + product;
        comp += twoSumLow(sum, product, s) + productLow(prefix, r, product);
        sum = s;
        double total = sum + comp;
        return Double.isFinite(total) ? total : sum;
    }

    /** The round-off of {@code x = a + b} (Knuth's two-sum): {@code a + b - x} exactly. */
    private static double twoSumLow(double a, double b, double x) {
        double bVirtual = x - a;
        return (a - (x - bVirtual)) + (b - bVirtual);
    }

    /** The round-off of {@code xy = x * y} (Dekker's product, scaled where a part could overflow or underflow). */
    private static double productLow(double x, double y, double xy) {
        if (!(Math.abs(xy) >= Double.MIN_NORMAL && Math.abs(xy) <= Double.MAX_VALUE)) {
            // subnormal: no round-off; infinite or NaN: NaN
            return xy - xy;
        }
        double a = Math.abs(x);
        double b = Math.abs(y);
        double ab = Math.abs(xy);
        if (a + b + ab >= SAFE_UPPER) {
            if (a > b) {
                return twoProductLow(x * DOWN_SCALE, y, xy * DOWN_SCALE) * UP_SCALE;
            }
            return twoProductLow(x, y * DOWN_SCALE, xy * DOWN_SCALE) * UP_SCALE;
        }
        if (ab <= SAFE_LOWER) {
            return twoProductLow(x * UP_SCALE, y * UP_SCALE, xy * UP_SCALE2) * DOWN_SCALE2;
        }
        return twoProductLow(x, y, xy);
    }

    private static double twoProductLow(double x, double y, double xy) {
        double hx = highPart(x);
        double lx = x - hx;
        double hy = highPart(y);
        double ly = y - hy;
        return lx * ly - (((xy - hx * hy) - lx * hy) - hx * ly);
    }

    private static double highPart(double value) {
        double c = MULTIPLIER * value;
        return c - (c - value);
    }
}
