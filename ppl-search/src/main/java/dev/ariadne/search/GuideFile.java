package dev.ariadne.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ariadne.core.Rng;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Saving and loading guides as JSON (never Java serialisation). A file records the format version, the random
 * stream version ({@link Rng#STREAM_VERSION}), the family, its tie patterns, and the parameters by address:
 * <pre>{@code
 * {"format":"ariadne-guide","formatVersion":1,"streamVersion":1,"family":"meanField","ties":[],
 *  "sites":{"mu":{"family":"NORMAL","parameters":{"loc":0.9,"logScale":-0.896}}}}
 * }</pre>
 * Structured sites add {@code "coefficients":{"intercept":-0.33}}; program families store
 * {@code "name"} and a flat {@code "parameters"} object. Doubles are written in shortest round-trip form, so a
 * reloaded guide reproduces the same runs for the same seed. Loading validates every field and reports the first
 * problem as a {@link GuideFileException} naming it.
 */
public final class GuideFile {

    /** The format version this library writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    private static final String FORMAT = "ariadne-guide";
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(SerializationFeature.INDENT_OUTPUT).build();

    private GuideFile() {
    }

    /** The guide as JSON text. */
    public static String toJson(FamilyGuide guide) {
        ObjectNode root = MAPPER.createObjectNode();
        GuideFamily f = guide.family();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("streamVersion", Rng.STREAM_VERSION);
        double[] theta = guide.theta();
        List<String> names = guide.names();
        if (f.kind() == GuideFamily.Kind.PROGRAM) {
            root.put("family", "program");
            root.put("name", f.name());
            ObjectNode ps = root.putObject("parameters");
            for (int i = 0; i < names.size(); i++) {
                ps.put(names.get(i), finite(names.get(i), theta[i]));
            }
            return write(root);
        }
        root.put("family", f.name());
        ArrayNode ties = root.putArray("ties");
        f.ties().forEach(ties::add);
        ObjectNode sites = root.putObject("sites");
        for (SiteSpec s : guide.specs().values()) {
            ObjectNode site = sites.putObject(s.key);
            site.put("family", s.family.name());
            ObjectNode ps = site.putObject("parameters");
            String[] pn = s.family.paramNames(s.arity);
            for (int j = 0; j < s.arity; j++) {
                ps.put(pn[j], finite(s.key + "." + pn[j], theta[s.offset + j]));
            }
            if (s.regressors.length > 0) {
                ObjectNode cs = site.putObject("coefficients");
                for (int j = 0; j < s.regressors.length; j++) {
                    cs.put(s.regressors[j], finite(s.key + ".coef", theta[s.coefficientIndex[j]]));
                }
            }
        }
        return write(root);
    }

    private static String write(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write guide JSON", e);
        }
    }

    private static double finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("cannot save parameter " + name + " = " + v + ": not finite");
        }
        return v;
    }

    /** Writes the guide to a file (UTF-8 JSON). */
    public static void save(FamilyGuide guide, Path path) throws IOException {
        Files.writeString(path, toJson(guide), StandardCharsets.UTF_8);
    }

    /** Loads a mean-field or structured guide from a file. */
    public static FamilyGuide load(Path path) throws IOException {
        return fromJson(Files.readString(path, StandardCharsets.UTF_8), null);
    }

    /** Loads a guide of the given family (required for program families, whose code is not in the file). */
    public static FamilyGuide load(Path path, GuideFamily family) throws IOException {
        return fromJson(Files.readString(path, StandardCharsets.UTF_8), family);
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
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new GuideFileException("(document)", "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new GuideFileException("(document)", "must be a JSON object");
        }
        String format = text(root, "format", "format");
        if (!format.equals(FORMAT)) {
            throw new GuideFileException("format", "expected '" + FORMAT + "', got '" + format + "'");
        }
        int version = integer(root, "formatVersion");
        if (version > FORMAT_VERSION) {
            throw new GuideFileException("formatVersion", "version " + version
                    + " is newer than this library reads (" + FORMAT_VERSION + ")");
        }
        if (version < 1) {
            throw new GuideFileException("formatVersion", "must be >= 1, got " + version);
        }
        int stream = integer(root, "streamVersion");
        if (stream != Rng.STREAM_VERSION) {
            throw new GuideFileException("streamVersion", "the file was made with random-stream version " + stream
                    + ", this library has " + Rng.STREAM_VERSION + ": runs would not reproduce");
        }
        String fam = text(root, "family", "family");
        switch (fam) {
            case "program":
                allowOnly(root, "", Set.of("format", "formatVersion", "streamVersion", "family", "name", "parameters"));
                return program(root, family);
            case "meanField":
            case "structured":
                allowOnly(root, "", Set.of("format", "formatVersion", "streamVersion", "family", "ties", "sites"));
                return builtIn(root, fam);
            default:
                throw new GuideFileException("family", "unknown family '" + fam
                        + "'; expected meanField, structured or program");
        }
    }

    private static FamilyGuide program(JsonNode root, GuideFamily family) {
        String name = text(root, "name", "name");
        if (family == null || family.kind() != GuideFamily.Kind.PROGRAM) {
            throw new GuideFileException("family", "the file holds program family '" + name
                    + "': pass that GuideFamily.program(...) to load it");
        }
        if (!family.name().equals(name)) {
            throw new GuideFileException("name", "the file is for program family '" + name + "', not '"
                    + family.name() + "'");
        }
        JsonNode ps = object(root, "parameters", "parameters");
        Layout layout = new Layout(family);
        checkExactly(ps, "parameters", new ArrayList<>(family.declared().keySet()));
        for (int i = 0; i < layout.names.size(); i++) {
            String n = layout.names.get(i);
            layout.theta[i] = number(ps.get(n), "parameters." + n);
        }
        return layout.snapshot();
    }

    private static FamilyGuide builtIn(JsonNode root, String fam) {
        GuideFamily family = fam.equals("meanField") ? GuideFamily.meanField() : GuideFamily.structured();
        JsonNode ties = root.get("ties");
        if (ties == null || !ties.isArray()) {
            throw new GuideFileException("ties", ties == null ? "missing" : "must be an array of address patterns");
        }
        List<String> t = new ArrayList<>();
        for (int i = 0; i < ties.size(); i++) {
            if (!ties.get(i).isTextual()) {
                throw new GuideFileException("ties[" + i + "]", "must be a string");
            }
            try {
                dev.ariadne.core.AddressPattern.parse(ties.get(i).asText());
            } catch (IllegalArgumentException e) {
                throw new GuideFileException("ties[" + i + "]", e.getMessage());
            }
            t.add(ties.get(i).asText());
        }
        if (!t.isEmpty()) {
            family = family.tie(t.toArray(new String[0]));
        }
        Layout layout = new Layout(family);
        JsonNode sites = object(root, "sites", "sites");
        Map<String, Map<String, Double>> coefficients = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = sites.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            String path = "sites." + key;
            if (!e.getValue().isObject()) {
                throw new GuideFileException(path, "must be an object");
            }
            JsonNode site = e.getValue();
            allowOnly(site, path + ".", Set.of("family", "parameters", "coefficients"));
            String sf = text(site, "family", path + ".family");
            SiteFamily f;
            try {
                f = SiteFamily.valueOf(sf);
            } catch (IllegalArgumentException ex) {
                throw new GuideFileException(path + ".family", "unknown per-site family '" + sf + "'");
            }
            JsonNode ps = object(site, "parameters", path + ".parameters");
            int arity = f == SiteFamily.CATEGORICAL || f == SiteFamily.STICK_BREAKING ? ps.size()
                    : f.paramNames(0).length;
            if (f == SiteFamily.STICK_BREAKING && (arity < 2 || arity % 2 != 0)) {
                throw new GuideFileException(path + ".parameters", "a stick-breaking site needs an even, positive "
                        + "number of parameters, got " + arity);
            }
            if (arity < 1) {
                throw new GuideFileException(path + ".parameters", "is empty");
            }
            String[] pn = f.paramNames(arity);
            checkExactly(ps, path + ".parameters", List.of(pn));
            double[] values = new double[arity];
            for (int j = 0; j < arity; j++) {
                values[j] = number(ps.get(pn[j]), path + ".parameters." + pn[j]);
            }
            int off = layout.names.size();
            for (int j = 0; j < arity; j++) {
                layout.names.add(key + "." + pn[j]);
            }
            layout.theta = java.util.Arrays.copyOf(layout.theta, layout.names.size());
            System.arraycopy(values, 0, layout.theta, off, arity);
            layout.specs.put(key, new SiteSpec(key, f, off, arity, new String[0], new int[0]));
            JsonNode cs = site.get("coefficients");
            if (cs != null) {
                if (!cs.isObject()) {
                    throw new GuideFileException(path + ".coefficients", "must be an object");
                }
                if (family.kind() != GuideFamily.Kind.STRUCTURED || !f.isLocation()) {
                    throw new GuideFileException(path + ".coefficients", "only structured location sites have "
                            + "coefficients");
                }
                Map<String, Double> c = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> ci = cs.fields();
                while (ci.hasNext()) {
                    Map.Entry<String, JsonNode> ce = ci.next();
                    c.put(ce.getKey(), number(ce.getValue(), path + ".coefficients." + ce.getKey()));
                }
                coefficients.put(key, c);
            }
        }
        coefficients.forEach((key, c) -> c.forEach((reg, v) -> {
            layout.addCoefficient(key, reg);
            layout.theta[layout.specs.get(key).coefficient(reg)] = v;
        }));
        return layout.snapshot();
    }

    private static void allowOnly(JsonNode node, String prefix, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!allowed.contains(n)) {
                throw new GuideFileException(prefix + n, "unexpected field");
            }
        }
    }

    private static void checkExactly(JsonNode ps, String path, List<String> expected) {
        Set<String> seen = new HashSet<>();
        Iterator<String> names = ps.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!expected.contains(n)) {
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

    private static JsonNode object(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (n == null) {
            throw new GuideFileException(path, "missing");
        }
        if (!n.isObject()) {
            throw new GuideFileException(path, "must be an object, got " + n.getNodeType());
        }
        return n;
    }

    private static String text(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (n == null) {
            throw new GuideFileException(path, "missing");
        }
        if (!n.isTextual()) {
            throw new GuideFileException(path, "must be a string, got " + n.getNodeType() + " " + n);
        }
        return n.asText();
    }

    private static int integer(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
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
