package dev.ariadne.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ariadne.core.Guide;
import dev.ariadne.core.Model;
import dev.ariadne.core.dist.Dist;
import dev.ariadne.core.dist.Normal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A guide that proposes at some sites of a group and leaves one at its prior in every run: a guide of keys z[1] and
 * z[2] left z[0] at its prior, and the check said "no problems", the group z[*] counting as guided (an adversarial
 * tester). The site is named; a guide of every site of the group is still clean.
 */
class PartlyGuidedGroupTest {

    private static final Model<Double> THREE = p -> {
        double s = 0;
        for (int i = 0; i < 3; i++) {
            double z = p.sample("z", i, new Normal(0, 1));
            p.observe("y", i, new Normal(z, 0.3), 2.0);
            s += z;
        }
        return s;
    };

    @Test
    void aSiteOfAGuidedGroupLeftAtItsPriorIsNamed() {
        Map<String, Dist> two = new LinkedHashMap<>();
        two.put("z[1]", new Normal(1.83, 0.29));
        two.put("z[2]", new Normal(1.83, 0.29));
        GuideCheck check = Importance.check(THREE, Guide.fromMap(two));
        assertThat(check.isClean()).isFalse();
        assertThat(check.toString()).contains("never guided: z[0], one of the 3 sites z[*], the others guided");
    }

    @Test
    void aGuideOfTheWholeGroupIsClean() {
        GuideCheck check = Importance.check(THREE, Guide.at("z[*]", new Normal(1.83, 0.29)));
        assertThat(check.isClean()).as(check.toString()).isTrue();
    }
}
