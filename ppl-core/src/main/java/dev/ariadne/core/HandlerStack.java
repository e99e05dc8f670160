package dev.ariadne.core;

import dev.ariadne.core.dist.Dist;

/**
 * The effect handlers of an execution, in the style of Pyro's messengers: before a site's work, its
 * {@link Message} goes through {@link Handler#process} from the innermost handler out, until one stops it; after
 * the work, through {@link Handler#postprocess} on the same handlers, outermost first. One message object serves
 * every site. The engine makes a stack only when there are handlers, so a run without any builds no message.
 */
final class HandlerStack {

    private static final byte IDLE = 0;
    private static final byte PROCESSING = 1;
    private static final byte POSTPROCESSING = 2;

    private final Handler[] handlers;
    private final Message message;
    private final History history;
    private byte phase;

    HandlerStack(Handler[] handlers, Site site, History history) {
        this.handlers = handlers;
        this.message = new Message(site, history);
        this.history = history;
    }

    void enterRun() {
        phase = IDLE;
        for (Handler h : handlers) {
            h.enterRun();
        }
    }

    void exitRun() {
        for (Handler h : handlers) {
            h.exitRun();
        }
    }

    /**
     * After a run that reached the model's end without failing: the first handler's account of what the run lacked
     * for it ({@link Handler#unmetAtEnd}), or null.
     */
    String unmetAtEnd() {
        for (Handler h : handlers) {
            String unmet = h.unmetAtEnd(history);
            if (unmet != null) {
                return unmet;
            }
        }
        return null;
    }

    /** Whether a handler is deciding the current site (it then does not see that site in the history). */
    boolean processing() {
        return phase == PROCESSING;
    }

    /** Whether a handler is running: an exception now is the handler's. */
    boolean running() {
        return phase != IDLE;
    }

    /**
     * Passes the site in slot {@code s} to the handlers. An evidence site carries its value (its object value in
     * {@code value}, which handlers may keep, or null for a number in the slot; a margin condition also carries its
     * {@code margin}); a latent site has none yet.
     */
    Message process(Slot s, SiteKind kind, Dist d, Object value, Margin margin) {
        Message m = message;
        m.reset(kind, s.name, s.index, s.scope, d);
        if (kind != SiteKind.LATENT) {
            m.hasValue = true;
            m.scalar = s.scalar;
            m.object = value;
            m.margin = margin;
        }
        phase = PROCESSING;
        int processed = 0;
        for (Handler h : handlers) {
            processed++;
            h.process(m);
            if (m.stop) {
                break;
            }
        }
        phase = IDLE;
        m.processed = processed;
        return m;
    }

    /** Passes the finished site to the handlers that processed it, outermost first. */
    void postprocess(Message m) {
        phase = POSTPROCESSING;
        for (int k = m.processed - 1; k >= 0; k--) {
            handlers[k].postprocess(m);
        }
        phase = IDLE;
    }
}
