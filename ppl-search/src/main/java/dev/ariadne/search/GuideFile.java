package dev.ariadne.search;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ariadne.core.Rng;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Saving and loading guides as JSON (never Java serialisation). A file records the format version, the random
 * stream version ({@link Rng#STREAM_VERSION}), the family, its tie patterns, and the parameters by address:
 * <pre>{@code
 * {"format":"ariadne-guide","formatVersion":1,"streamVersion":1,"family":"meanField","ties":[],
 *  "sites":{"mu":{"family":"NORMAL","parameters":{"loc":0.9,"logScale":-0.896}}}}
 * }</pre>
 * Structured sites add {@code "coefficients":{"intercept":-0.33}}; program families store
 * {@code "name"} and a flat {@code "parameters"} object. A site's {@code "family"} is a {@link SiteFamily}'s name:
 * a built-in one, or one registered with {@link java.util.ServiceLoader}. Doubles are written in shortest
 * round-trip form, so a reloaded guide reproduces the same runs for the same seed.
 *
 * <p><b>Nothing half-written.</b> {@link #save} writes through {@link AtomicFile}: a temporary file beside the
 * target, forced to disk, and
 * moves it into place atomically; if anything fails (a full disk, a parameter that is not finite, a killed
 * process) the target keeps its old content, or stays absent, and the temporary file is removed where the process
 * survives to do it.
 *
 * <p><b>Loading</b> streams the file (memory grows with the guide, never with a parse tree of the whole file), in
 * time linear in its size. It reads strict UTF-8, rejects duplicated keys, validates every field, and reports the
 * first problem as a {@link GuideFileException} naming the file and the field: among them a site's log scale
 * (any per-site parameter named {@code log...} but a logit) whose scale {@code exp} of it is not a finite positive
 * double, which would otherwise load and fail only at the first run.
 */
public final class GuideFile {

    /** The format version this library writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    private static final String FORMAT = "ariadne-guide";
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonFactory FACTORY = MAPPER.getFactory();
    private static final Set<String> PROGRAM_FIELDS = Set.of("format", "formatVersion", "streamVersion", "family",
            "name", "parameters");
    private static final Set<String> BUILT_IN_FIELDS = Set.of("format", "formatVersion", "streamVersion", "family",
            "ties", "sites");

    private GuideFile() {
    }

    /** The guide as JSON text. */
    public static String toJson(FamilyGuide guide) {
        java.util.Objects.requireNonNull(guide, "GuideFile.toJson: the guide must not be null");
        StringWriter w = new StringWriter();
        try {
            write(guide, w);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write guide JSON", e);
        }
        return w.toString();
    }

    /**
     * Writes the guide to a file (UTF-8 JSON), atomically: a temporary file beside the target is written, forced
     * to disk and moved into place, so the target is never left half-written.
     *
     * @throws IOException              when the file cannot be written; the target is then unchanged
     * @throws IllegalArgumentException when a parameter is not finite; the target is then unchanged
     */
    public static void save(FamilyGuide guide, Path path) throws IOException {
        save(guide, path, UnaryOperator.identity());
    }

    /** {@link #save}, writing through {@code wrap} (tests put a failing stream there to stand for a full disk). */
    static void save(FamilyGuide guide, Path path, UnaryOperator<OutputStream> wrap) throws IOException {
        Objects.requireNonNull(guide, "GuideFile.save: guide is null");
        Objects.requireNonNull(path, "GuideFile.save: path is null");
        Path target = path.toAbsolutePath();
        if (!Files.isDirectory(target.getParent())) {
            // a path under a regular file was told its folder "does not exist" (an adversarial tester)
            Path existing = target.getParent();
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            throw new java.nio.file.NoSuchFileException(target.toString(), null, "cannot write the guide: its folder "
                    + target.getParent() + (existing != null && !Files.isDirectory(existing)
                    ? " cannot be made, as " + existing + " is a file, not a folder" : " does not exist"));
        }
        AtomicFile.write(target, file -> {
            OutputStream out = wrap.apply(new BufferedOutputStream(file));
            Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
            write(guide, w);
            w.flush();
        });
    }

    private static void write(FamilyGuide guide, Writer out) throws IOException {
        GuideFamily f = guide.family();
        double[] theta = guide.theta();
        List<String> names = guide.names();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeNumberField("formatVersion", FORMAT_VERSION);
            g.writeNumberField("streamVersion", Rng.STREAM_VERSION);
            if (f.kind() == GuideFamily.Kind.PROGRAM) {
                g.writeStringField("family", "program");
                g.writeStringField("name", f.name());
                g.writeObjectFieldStart("parameters");
                for (int i = 0; i < names.size(); i++) {
                    g.writeNumberField(names.get(i), finite(names.get(i), theta[i]));
                }
                g.writeEndObject();
            } else {
                g.writeStringField("family", f.name());
                g.writeArrayFieldStart("ties");
                for (String t : f.ties()) {
                    g.writeString(t);
                }
                g.writeEndArray();
                g.writeObjectFieldStart("sites");
                for (SiteSpec s : guide.specs().values()) {
                    g.writeObjectFieldStart(s.key);
                    g.writeStringField("family", s.family.name());
                    g.writeObjectFieldStart("parameters");
                    for (int j = 0; j < s.arity; j++) {
                        String pn = s.parameterNames.get(j);
                        double v = finite(s.key + "." + pn, theta[s.offset + j]);
                        String scale = scaleProblem(pn, v);
                        if (scale != null) {
                            throw new IllegalArgumentException("cannot save parameter " + s.key + "." + pn + " of "
                                    + s.family.name() + " = " + v + ": " + scale);
                        }
                        g.writeNumberField(pn, v);
                    }
                    g.writeEndObject();
                    if (s.regressors.length > 0) {
                        g.writeObjectFieldStart("coefficients");
                        for (int j = 0; j < s.regressors.length; j++) {
                            g.writeNumberField(s.regressors[j], finite(s.key + ".coef", theta[s.coefficientIndex[j]]));
                        }
                        g.writeEndObject();
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
    }

    /**
     * Why a per-site family's parameter {@code name} cannot hold {@code v}, or null: a parameter named {@code log...}
     * (a log scale, log rate, log shape, a Cholesky factor's log diagonal; not a logit) is exponentiated into a
     * scale, which must be a finite positive double, so {@code v} must lie in about [-745, 709.78], and at least the
     * least value its distribution takes ({@link #LEAST_SCALE}): a Normal's sd at least 2.2e-308, a Beta's shapes at
     * least 1e-300. A file with a log scale of 800, or of -720, would otherwise load and fail only at the first run
     * that draws from it.
     */
    static String scaleProblem(String name, double v) {
        if (!name.startsWith("log") || name.startsWith("logit")) {
            return null;
        }
        double least = LEAST_SCALE.getOrDefault(name, Double.MIN_VALUE);
        double scale = Math.exp(v);
        if (scale >= least && scale < Double.POSITIVE_INFINITY) {
            return null;
        }
        return String.format(java.util.Locale.ROOT, "a log scale, whose scale exp(%s) = %s is not a finite double "
                + "of at least %s, the least its distribution takes (a log scale %s must lie between %.4f and 709.78)",
                v, scale, least, name, Math.log(least));
    }

    /** The least scale each log parameter's distribution takes, where it is above the least positive double. */
    static final Map<String, Double> LEAST_SCALE = Map.of("logScale", Double.MIN_NORMAL, "logAlpha",
            dev.ariadne.core.dist.Beta.MIN_SHAPE, "logBeta", dev.ariadne.core.dist.Beta.MIN_SHAPE);

    private static double finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("cannot save parameter " + name + " = " + v + ": not finite");
        }
        return v;
    }

    /** Loads a mean-field or structured guide from a file. */
    public static FamilyGuide load(Path path) throws IOException {
        return load(path, null);
    }

    /**
     * Loads a guide of the given family (required for program families, whose code is not in the file; null for
     * the built-in ones).
     *
     * @throws GuideFileException naming the file and the first invalid field (also for a file that is not UTF-8
     *                            text or not JSON)
     * @throws IOException        when the file cannot be read
     */
    public static FamilyGuide load(Path path, GuideFamily family) throws IOException {
        Objects.requireNonNull(path, "GuideFile.load: path is null");
        if (Files.isDirectory(path)) {
            // it said "Is a directory", with no path (an adversarial tester)
            throw new java.nio.file.FileSystemException(path.toString(), null, "is a folder, not a guide file");
        }
        if (!Files.exists(path)) {
            // it said only the path (an adversarial tester)
            throw new java.nio.file.NoSuchFileException(path.toString(), null, "no guide file there" + (path
                    .isAbsolute() ? "" : " (a relative path, read from " + Path.of("").toAbsolutePath() + ")"));
        }
        Reader r = new BufferedReader(new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8
                .newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
        try (r) {
            return parse(r, family, path.toString());
        }
    }

    /** Parses a mean-field or structured guide. */
    public static FamilyGuide fromJson(String json) {
        return fromJson(json, null);
    }

    /**
     * Parses a guide; {@code family} supplies a program family's code (and must match the file), or is null for
     * the built-in families.
     *
     * @throws GuideFileException naming the first invalid field
     */
    public static FamilyGuide fromJson(String json, GuideFamily family) {
        Objects.requireNonNull(json, "GuideFile.fromJson: json is null");
        try {
            return parse(new StringReader(json), family, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FamilyGuide parse(Reader reader, GuideFamily family, String source) throws IOException {
        JsonParser p = null;
        try {
            p = MAPPER.createParser(new ByteOrderMarkSkipping(reader));
            return read(p, family);
        } catch (CharacterCodingException e) {
            String at = p == null ? "" : " near line " + p.currentLocation().getLineNr() + ", column "
                    + p.currentLocation().getColumnNr();
            throw new GuideFileException(source, "(document)", "is not UTF-8 text (a Latin-1 or binary file?): "
                    + "malformed input" + at);
        } catch (JsonParseException e) {
            // the parser's own location of a marker, "[Source: REDACTED (`StreamReadFeature...` disabled); line: 8,
            // column: 13]", read as noise beside the file's name (an adversarial tester): its line and column alone
            String why = String.valueOf(e.getOriginalMessage())
                    .replaceAll("\\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
            throw new GuideFileException(source, duplicatePath(e), "not valid JSON: " + why
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            // a string of 50 MB, a number of 5,000 digits or objects nested 3,000 deep came out as the parser's own
            // exception, naming neither the file nor where (an adversarial tester)
            String at = p == null ? "" : " at line " + p.currentLocation().getLineNr() + ", column "
                    + p.currentLocation().getColumnNr();
            throw new GuideFileException(source, "(document)", "is not a guide file: " + e.getOriginalMessage() + at);
        } catch (GuideFileException e) {
            throw source == null ? e : e.in(source);
        } finally {
            if (p != null) {
                p.close();
            }
        }
    }

    /**
     * A reader that drops a byte-order mark at the head of the text, which some editors write at the head of a UTF-8
     * file and JSON does not allow (a tester's hand-edited guide was refused with "Unexpected character"); dropped as
     * the parser reads, so that a decoding error keeps its line.
     */
    private static final class ByteOrderMarkSkipping extends java.io.FilterReader {
        private boolean atHead = true;

        ByteOrderMarkSkipping(Reader in) {
            super(in);
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (atHead && n > 0) {
                atHead = false;
                if (buffer[offset] == '\uFEFF') {
                    System.arraycopy(buffer, offset + 1, buffer, offset, n - 1);
                    return n == 1 ? read(buffer, offset, length) : n - 1;
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }
    }

    /** The dotted path of the object a parse error was found in, with the field for a duplicate key. */
    private static String duplicatePath(JsonParseException e) {
        String msg = e.getOriginalMessage();
        JsonParser jp = e.getProcessor();
        if (msg == null || !msg.startsWith("Duplicate field '") || jp == null) {
            return "(document)";
        }
        String name = msg.substring("Duplicate field '".length(), msg.lastIndexOf('\''));
        StringBuilder path = new StringBuilder();
        List<String> parts = new ArrayList<>();
        for (var c = jp.getParsingContext().getParent(); c != null && !c.inRoot(); c = c.getParent()) {
            parts.add(0, c.getCurrentName());
        }
        for (String part : parts) {
            path.append(part).append('.');
        }
        return path.append(name).toString();
    }

    /** One site as read from the file, before the layout is built. */
    private record PendingSite(String key, SiteFamily family, double[] values, Map<String, Double> coefficients) {
    }

    private static FamilyGuide read(JsonParser p, GuideFamily given) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new GuideFileException("(document)", "must be a JSON object");
        }
        Map<String, JsonNode> header = new LinkedHashMap<>();
        List<PendingSite> sites = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("sites") && t == JsonToken.START_OBJECT) {
                sites = readSites(p);
            } else {
                header.put(field, p.readValueAsTree());
            }
        }
        if (p.nextToken() != null) {
            throw new GuideFileException("(document)", "has content after the guide's object");
        }
        String format = text(header.get("format"), "format");
        if (!format.equals(FORMAT)) {
            throw new GuideFileException("format", "expected '" + FORMAT + "', got '" + format + "'");
        }
        int version = integer(header.get("formatVersion"), "formatVersion");
        if (version > FORMAT_VERSION) {
            throw new GuideFileException("formatVersion", "version " + version
                    + " is newer than this library reads (" + FORMAT_VERSION + ")");
        }
        if (version < 1) {
            throw new GuideFileException("formatVersion", "must be >= 1, got " + version);
        }
        int stream = integer(header.get("streamVersion"), "streamVersion");
        if (stream != Rng.STREAM_VERSION) {
            throw new GuideFileException("streamVersion", "the file was made with random-stream version " + stream
                    + ", this library has " + Rng.STREAM_VERSION + ": runs would not reproduce");
        }
        String fam = text(header.get("family"), "family");
        switch (fam) {
            case "program":
                // a field of the built-in families in a file that says "program": name the family it says
                allowOnly(header.keySet(), sites != null, "", PROGRAM_FIELDS, "unexpected field for the family "
                        + "'program' (a program family's file holds its parameters, not ties or sites; is the file a "
                        + "meanField or structured one whose family was changed?)");
                return program(header, given);
            case "meanField":
            case "structured":
                allowOnly(header.keySet(), sites != null, "", BUILT_IN_FIELDS);
                if (sites == null) {
                    throw new GuideFileException("sites", header.containsKey("sites")
                            ? "must be an object, got " + header.get("sites").getNodeType() : "missing");
                }
                return builtIn(header, fam, sites, given).asLoaded();
            default:
                throw new GuideFileException("family", "unknown family '" + fam
                        + "'; expected meanField, structured or program");
        }
    }

    private static List<PendingSite> readSites(JsonParser p) throws IOException {
        List<PendingSite> sites = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            JsonNode site = p.readValueAsTree();
            sites.add(site(key, site));
        }
        return sites;
    }

    /** Whether {@code key} is one site's address: no wildcard ({@code *} or {@code **}, any name or scopes). */
    private static boolean isAddress(String key) {
        if (key.contains("*")) {
            return false;
        }
        try {
            dev.ariadne.core.Address.parse(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static PendingSite site(String key, JsonNode site) {
        String path = "sites." + key;
        try {
            dev.ariadne.core.AddressPattern.parse(key);
        } catch (IllegalArgumentException e) {
            // a key no site can have would leave its site at the prior with nothing said (an adversarial tester)
            throw new GuideFileException(path, "is not a site's address or a tie's pattern: " + e.getMessage());
        }
        if (!site.isObject()) {
            throw new GuideFileException(path, "must be an object");
        }
        allowOnly(fieldNames(site), false, path + ".", Set.of("family", "parameters", "coefficients"));
        String sf = text(site.get("family"), path + ".family");
        SiteFamily f = SiteFamilies.named(sf);
        if (f == null) {
            throw new GuideFileException(path + ".family", "unknown per-site family '" + sf + "' (a family that a "
                    + "distribution brings must be registered with ServiceLoader to be loaded from a file)");
        }
        JsonNode ps = object(site.get("parameters"), path + ".parameters");
        if (ps.size() < 1) {
            throw new GuideFileException(path + ".parameters", "is empty");
        }
        List<String> pn;
        try {
            pn = f.parameterNames(ps.size());
        } catch (IllegalArgumentException e) {
            throw new GuideFileException(path + ".parameters", e.getMessage());
        }
        checkExactly(ps, path + ".parameters", pn);
        double[] values = new double[pn.size()];
        for (int j = 0; j < values.length; j++) {
            values[j] = number(ps.get(pn.get(j)), path + ".parameters." + pn.get(j));
            String scale = scaleProblem(pn.get(j), values[j]);
            if (scale == null) {
                scale = f.parameterProblem(pn.get(j), values[j]);
            }
            if (scale != null) {
                throw new GuideFileException(path + ".parameters." + pn.get(j), "of site family " + sf + ": "
                        + scale);
            }
        }
        Map<String, Double> coefficients = null;
        JsonNode cs = site.get("coefficients");
        if (cs != null) {
            if (!cs.isObject()) {
                throw new GuideFileException(path + ".coefficients", "must be an object");
            }
            if (!(f instanceof LocationFamily)) {
                throw new GuideFileException(path + ".coefficients", "only structured location sites have "
                        + "coefficients");
            }
            coefficients = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> ci = cs.fields();
            while (ci.hasNext()) {
                Map.Entry<String, JsonNode> ce = ci.next();
                coefficients.put(ce.getKey(), number(ce.getValue(), path + ".coefficients." + ce.getKey()));
            }
        }
        return new PendingSite(key, f, values, coefficients);
    }

    private static FamilyGuide program(Map<String, JsonNode> header, GuideFamily family) {
        String name = text(header.get("name"), "name");
        if (family == null || family.kind() != GuideFamily.Kind.PROGRAM) {
            throw new GuideFileException("family", "the file holds program family '" + name
                    + "': pass that GuideFamily.program(...) to load it");
        }
        if (!family.name().equals(name)) {
            throw new GuideFileException("name", "the file is for program family '" + name + "', not '"
                    + family.name() + "'");
        }
        JsonNode ps = object(header.get("parameters"), "parameters");
        Layout layout = new Layout(family);
        checkExactly(ps, "parameters", new ArrayList<>(family.declared().keySet()));
        double[] theta = layout.theta();
        for (int i = 0; i < layout.names.size(); i++) {
            String n = layout.names.get(i);
            theta[i] = number(ps.get(n), "parameters." + n);
        }
        return layout.snapshot();
    }

    private static FamilyGuide builtIn(Map<String, JsonNode> header, String fam, List<PendingSite> sites,
                                       GuideFamily given) {
        if (given != null && (given.kind() == GuideFamily.Kind.PROGRAM || !given.name().equals(fam))) {
            throw new GuideFileException("family", "the file holds family '" + fam + "', not " + given);
        }
        GuideFamily family = fam.equals("meanField") ? GuideFamily.meanField() : GuideFamily.structured();
        JsonNode ties = header.get("ties");
        if (ties == null || !ties.isArray()) {
            throw new GuideFileException("ties", ties == null ? "missing" : "must be an array of address patterns");
        }
        for (int i = 0; i < ties.size(); i++) {
            if (!ties.get(i).isTextual()) {
                throw new GuideFileException("ties[" + i + "]", "must be a string");
            }
            try {
                family = family.tie(ties.get(i).asText()); // refuses a pattern that is none, or tied twice
            } catch (IllegalArgumentException e) {
                throw new GuideFileException("ties[" + i + "]", e.getMessage());
            }
        }
        List<String> t = family.ties();
        Layout layout = new Layout(family);
        for (PendingSite s : sites) {
            if (!t.contains(s.key()) && !isAddress(s.key())) {
                // a "*" key loaded, and its site was then said to have "another family or shape" (a tester)
                throw new GuideFileException("sites." + s.key(), "is a pattern, not a site's address, and the file "
                        + "ties no such pattern (its ties: " + t + "): a site's key is its address, a tie's its "
                        + "pattern");
            }
            if (s.coefficients() != null && family.kind() != GuideFamily.Kind.STRUCTURED) {
                throw new GuideFileException("sites." + s.key() + ".coefficients", "only structured location sites "
                        + "have coefficients");
            }
            layout.addSite(s.key(), s.family(), s.values().length, s.values());
        }
        GuideFamily tied = family;
        for (PendingSite s : sites) {
            if (s.coefficients() != null) {
                s.coefficients().forEach((reg, v) -> {
                    checkRegressor(tied, layout, s.key(), reg);
                    layout.addCoefficient(s.key(), reg);
                    layout.theta()[layout.specs.get(s.key()).coefficient(reg)] = v;
                });
            }
        }
        // Once the file is otherwise sound, so that the first invalid field is named first (a hunt); not for a site
        // with coefficients, whose location is its intercept plus the earlier sites' terms (an intercept of -1e9 on
        // a site proposed about 1, a hunt)
        for (PendingSite s : sites) {
            String together = s.coefficients() == null || s.coefficients().isEmpty()
                    ? s.family().parametersProblem(s.values()) : null;
            if (together != null) {
                throw new GuideFileException("sites." + s.key() + ".parameters", "of site family "
                        + s.family().name() + ": " + together);
            }
        }
        return layout.snapshot();
    }

    /**
     * Refuses a coefficient whose regressor is not the address of a site of the file, other than the site itself: the
     * guide reads a coefficient only where a run's earlier site has that address, so one naming no site (a typo, a
     * site renamed) was never read and the file loaded without a word (an adversarial tester).
     */
    private static void checkRegressor(GuideFamily family, Layout layout, String key, String regressor) {
        String field = "sites." + key + ".coefficients." + regressor;
        dev.ariadne.core.Address address;
        try {
            address = dev.ariadne.core.Address.parse(regressor);
        } catch (IllegalArgumentException e) {
            throw new GuideFileException(field, "a coefficient is named by the address of an earlier site: "
                    + e.getMessage());
        }
        String regressorKey = family.keyOf(address);
        if (regressor.equals(key) || !layout.specs.containsKey(regressorKey)) {
            throw new GuideFileException(field, regressor.equals(key) ? "a site cannot regress on itself"
                    : "names no site of this file (its sites: " + String.join(", ", layout.specs.keySet().stream()
                    .limit(10).toList()) + (layout.specs.size() > 10 ? ", ..." : "")
                    + "), so the guide would never read it");
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void allowOnly(Iterable<String> names, boolean sites, String prefix, Set<String> allowed) {
        allowOnly(names, sites, prefix, allowed, "unexpected field");
    }

    /** {@link #allowOnly}, saying {@code problem} of a field it does not allow. */
    private static void allowOnly(Iterable<String> names, boolean sites, String prefix, Set<String> allowed,
            String problem) {
        for (String n : names) {
            if (!allowed.contains(n)) {
                throw new GuideFileException(prefix + n, problem);
            }
        }
        if (sites && !allowed.contains("sites")) {
            throw new GuideFileException(prefix + "sites", problem);
        }
    }

    private static void checkExactly(JsonNode ps, String path, List<String> expected) {
        Set<String> want = new HashSet<>(expected);
        Set<String> seen = new HashSet<>();
        Iterator<String> names = ps.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!want.contains(n)) {
                throw new GuideFileException(path + "." + n, "unexpected parameter; expected " + expected);
            }
            seen.add(n);
        }
        for (String e : expected) {
            if (!seen.contains(e)) {
                throw new GuideFileException(path + "." + e, "missing parameter");
            }
        }
    }

    private static JsonNode object(JsonNode n, String path) {
        if (n == null) {
            throw new GuideFileException(path, "missing");
        }
        if (!n.isObject()) {
            throw new GuideFileException(path, "must be an object, got " + n.getNodeType());
        }
        return n;
    }

    private static String text(JsonNode n, String path) {
        if (n == null) {
            throw new GuideFileException(path, "missing");
        }
        if (!n.isTextual()) {
            throw new GuideFileException(path, "must be a string, got " + n.getNodeType() + " " + n);
        }
        return n.asText();
    }

    private static int integer(JsonNode n, String field) {
        if (n == null) {
            throw new GuideFileException(field, "missing");
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new GuideFileException(field, "must be an integer, got " + n.getNodeType() + " " + n);
        }
        return n.asInt();
    }

    private static double number(JsonNode n, String path) {
        if (n == null) {
            throw new GuideFileException(path, "missing");
        }
        if (!n.isNumber()) {
            throw new GuideFileException(path, "must be a number, got " + n.getNodeType() + " " + n);
        }
        double v = n.asDouble();
        if (!Double.isFinite(v)) {
            throw new GuideFileException(path, "must be finite, got " + v);
        }
        return v;
    }
}
