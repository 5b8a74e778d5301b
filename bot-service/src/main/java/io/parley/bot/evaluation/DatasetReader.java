package io.parley.bot.evaluation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.parley.bot.matching.LabeledUtterance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads labelled utterances from a BANKING77-style CSV ({@code text,category} header, RFC 4180 quoting, quoted
 * texts may span lines) or a CLINC150-style JSON object of {@code [text, intent]} lists. JSON files are recognised by
 * the .json suffix.
 */
public final class DatasetReader {

    private static final String CSV_HEADER = "text,category";

    private DatasetReader() {
    }

    public static List<LabeledUtterance> read(Path file, DatasetSplit split) {
        try {
            return file.getFileName().toString().endsWith(".json") ? readJson(file, split) : readCsv(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dataset " + file + ": " + e.getMessage(), e);
        }
    }

    static List<LabeledUtterance> readCsv(Path file) throws IOException {
        List<CsvRecord> records = csvRecords(file, Files.readString(file, StandardCharsets.UTF_8));
        if (records.isEmpty() || !String.join(",", records.get(0).fields()).replace("\uFEFF", "").strip()
                .equals(CSV_HEADER)) {
            throw new DatasetFormatException(file, 1, "expected the header \"" + CSV_HEADER + "\"");
        }
        List<LabeledUtterance> utterances = new ArrayList<>();
        for (CsvRecord record : records.subList(1, records.size())) {
            List<String> fields = record.fields();
            if (fields.size() == 1 && fields.get(0).isBlank()) {
                continue;
            }
            if (fields.size() != 2 || fields.get(0).isBlank() || fields.get(1).isBlank()) {
                throw new DatasetFormatException(file, record.line(), "expected two non-empty fields text,category;"
                        + " quote texts that contain commas");
            }
            utterances.add(new LabeledUtterance(fields.get(0).strip(), fields.get(1).strip()));
        }
        if (utterances.isEmpty()) {
            throw new DatasetFormatException(file, 1, "no utterances after the header");
        }
        return utterances;
    }

    private record CsvRecord(long line, List<String> fields) {
    }

    /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; CRLF and LF both end records. */
    private static List<CsvRecord> csvRecords(Path file, String content) {
        List<CsvRecord> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        long line = 1;
        long recordLine = 1;
        long quoteLine = 1;
        for (int i = 0; i < content.length(); i++) {
            char ch = content.charAt(i);
            if (ch == '\n') {
                line++;
            }
            if (quoted) {
                if (ch == '"' && i + 1 < content.length() && content.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.isEmpty()) {
                quoted = true;
                quoteLine = line;
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n') {
                fields.add(field.toString());
                records.add(new CsvRecord(recordLine, List.copyOf(fields)));
                fields.clear();
                field.setLength(0);
                recordLine = line;
            } else if (ch != '\r') {
                field.append(ch);
            }
        }
        if (quoted) {
            throw new DatasetFormatException(file, quoteLine, "quoted field is never closed");
        }
        if (!fields.isEmpty() || !field.isEmpty()) {
            fields.add(field.toString());
            records.add(new CsvRecord(recordLine, List.copyOf(fields)));
        }
        return records;
    }

    static List<LabeledUtterance> readJson(Path file, DatasetSplit split) throws IOException {
        List<LabeledUtterance> utterances = new ArrayList<>();
        Set<String> keys = new TreeSet<>();
        try (JsonParser parser = new JsonFactory().createParser(file.toFile())) {
            expect(file, parser, parser.nextToken(), JsonToken.START_OBJECT, "a JSON object");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                keys.add(key);
                JsonToken value = parser.nextToken();
                if (key.equals(split.inScopeKey()) || key.equals(split.outOfScopeKey())) {
                    readPairs(file, parser, value, key, utterances);
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new DatasetFormatException(file, line, "invalid JSON: " + e.getOriginalMessage());
        }
        if (!keys.contains(split.inScopeKey())) {
            throw new DatasetFormatException(file, 1, "no \"" + split.inScopeKey() + "\" list; keys found: " + keys);
        }
        return utterances;
    }

    private static void readPairs(Path file, JsonParser parser, JsonToken token, String key,
                                  List<LabeledUtterance> into) throws IOException {
        expect(file, parser, token, JsonToken.START_ARRAY, "a list under \"" + key + "\"");
        while (parser.nextToken() == JsonToken.START_ARRAY) {
            long line = parser.currentLocation().getLineNr();
            String text = parser.nextToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
            String intent = parser.nextToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
            if (text == null || intent == null || intent.isBlank() || parser.nextToken() != JsonToken.END_ARRAY) {
                throw new DatasetFormatException(file, line, "entries of \"" + key
                        + "\" must be [text, intent] pairs of strings");
            }
            into.add(new LabeledUtterance(text, intent));
        }
        expect(file, parser, parser.currentToken(), JsonToken.END_ARRAY, "[text, intent] pairs under \"" + key + "\"");
    }

    private static void expect(Path file, JsonParser parser, JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new DatasetFormatException(file, parser.currentLocation().getLineNr(),
                    "expected " + what + ", found " + actual);
        }
    }
}
