package dev.ariadne.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.Normal;
import org.junit.jupiter.api.Test;

/**
 * orElse of guides other than two pattern guides is one chain, tried in order: a chain of 10,000 Guide.bySite guides
 * overflowed the stack at its first site, reported as a guide that recurses without end (an adversarial tester).
 */
class ChainGuideTest {

    private static final Model<Double> ONE = p -> p.sample("x", 3, new Normal(0, 1));

    /** A guide that proposes Normal(k, 1) at index k only. */
    private static Guide onlyAt(int k) {
        return Guide.bySite((site, h) -> site.index() == k ? new Normal(k, 1) : null);
    }

    @Test
    void aLongChainProposesWhereItsOnePartDoes() {
        Guide chain = onlyAt(-5);
        for (int k = 0; k < 10_000; k++) {
            chain = chain.orElse(onlyAt(k == 9_999 ? 3 : 100_000 + k));
        }
        RunRecord<Double> r = Execution.of(ONE).guide(chain).run(1, 0);
        assertThat(r.trace().sites().get(0).proposal()).isEqualTo(new Normal(3, 1));
    }

    /** The first part that proposes wins, and a part that leaves the site at its prior hands it on, as nested ones. */
    @Test
    void theFirstPartThatProposesWinsWithOrWithoutThePrior() {
        Guide readsPrior = Guide.real((site, prior, h) -> prior); // leaves every site at its prior
        Guide chain = readsPrior.orElse(onlyAt(2)).orElse(Guide.at("x[3]", new Normal(7, 1)))
                .orElse(Guide.at("x[*]", new Normal(9, 1)));
        Dist prior = new Normal(0, 1);
        assertThat(chain.propose(at(3), prior, null)).isEqualTo(new Normal(7, 1));
        assertThat(chain.propose(at(2), prior, null)).isEqualTo(new Normal(2, 1));
        assertThat(chain.propose(at(4), prior, null)).isEqualTo(new Normal(9, 1));
        Guide noPrior = onlyAt(2).orElse(Guide.at("x[3]", new Normal(7, 1))).orElse(onlyAt(4));
        assertThat(noPrior.withoutPrior()).isNotNull();
        assertThat(noPrior.withoutPrior().propose(at(3), null)).isEqualTo(new Normal(7, 1));
        assertThat(noPrior.withoutPrior().propose(at(4), null)).isEqualTo(new Normal(4, 1));
        assertThat(noPrior.withoutPrior().propose(at(5), null)).isNull();
        assertThat(noPrior.patterns()).extracting(AddressPattern::toString).containsExactly("x[3]");
    }

    private static Site at(int index) {
        return new Site() {
            @Override
            public String name() {
                return "x";
            }

            @Override
            public int index() {
                return index;
            }

            @Override
            public Address scope() {
                return null;
            }

            @Override
            public SiteKind kind() {
                return SiteKind.LATENT;
            }

            @Override
            public Address address() {
                return Address.of(null, "x", index);
            }
        };
    }
}
