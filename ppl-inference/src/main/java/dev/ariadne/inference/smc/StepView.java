package dev.ariadne.inference.smc;

/** The {@link StepSite} a sweep shows its guide: the fields are set before each step function call. */
final class StepView<S, O> implements StepSite<S, O> {

    final Particle particle;
    String name;
    S previous;
    double previousReal = Double.NaN;
    boolean realState;
    O observation;

    StepView(dev.ariadne.core.Rng rng) {
        this.particle = new Particle(rng, this);
    }

    @Override
    public int step() {
        return particle.step;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int particle() {
        return particle.index;
    }

    @Override
    @SuppressWarnings("unchecked")
    public S previous() {
        if (realState) {
            return particle.step == 0 ? null : (S) Double.valueOf(previousReal);
        }
        return previous;
    }

    @Override
    public double previousReal() {
        return previousReal;
    }

    @Override
    public O observation() {
        return observation;
    }
}
