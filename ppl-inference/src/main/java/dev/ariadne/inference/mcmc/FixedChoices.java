package dev.ariadne.inference.mcmc;

import dev.ariadne.core.Address;
import dev.ariadne.core.Handler;
import dev.ariadne.core.Message;
import dev.ariadne.core.SiteKind;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sets latent choices by address from a map of printed addresses to boxed values (a chain's given start). */
final class FixedChoices extends Handler {

    private final Map<Address, Object> values = new LinkedHashMap<>();

    FixedChoices(Map<String, ?> byAddress) {
        byAddress.forEach((k, v) -> values.put(Address.parse(k), v));
    }

    @Override
    protected void process(Message m) {
        if (m.kind() == SiteKind.LATENT && !m.hasValue()) {
            Object v = values.get(m.address());
            if (v != null) {
                m.setValue(v);
            }
        }
    }
}
