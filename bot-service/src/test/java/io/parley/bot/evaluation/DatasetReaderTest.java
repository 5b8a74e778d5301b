package io.parley.bot.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.bot.matching.LabeledUtterance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsCsvWithQuotedCommasQuotesLineBreaksAndCrlf() throws IOException {
        Path file = write("b.csv", "text,category\r\nwhere is my card?,card_arrival\r\n"
                + "\"I paid, twice \"\"again\"\"\",duplicate\r\n\"line one\nline two\",multi\r\n");

        assertThat(DatasetReader.read(file, DatasetSplit.TEST)).containsExactly(
                new LabeledUtterance("where is my card?", "card_arrival"),
                new LabeledUtterance("I paid, twice \"again\"", "duplicate"),
                new LabeledUtterance("line one\nline two", "multi"));
    }

    @Test
    void csvErrorsNameFileAndLine() throws IOException {
        Path badHeader = write("h.csv", "utterance,label\nhi,greet\n");
        Path badRow = write("r.csv", "text,category\nhi,greet\n\"a\nb\",x\nno label here\n");
        Path unclosed = write("u.csv", "text,category\nhi,greet\n\"never closed,x\n");

        assertThatThrownBy(() -> DatasetReader.read(badHeader, DatasetSplit.TEST))
                .isInstanceOf(DatasetFormatException.class).hasMessageStartingWith(badHeader + ":1: expected the header");
        assertThatThrownBy(() -> DatasetReader.read(badRow, DatasetSplit.TEST))
                .hasMessageStartingWith(badRow + ":5: expected two non-empty fields");
        assertThatThrownBy(() -> DatasetReader.read(unclosed, DatasetSplit.TEST))
                .hasMessageStartingWith(unclosed + ":3: quoted field is never closed");
    }

    @Test
    void readsTheRequestedJsonSplitWithItsOutOfScopeList() throws IOException {
        Path file = write("c.json", """
                {"train": [["hi", "greet"]], "oos_train": [["pizza", "oos"]],
                 "test": [["hello", "greet"], ["bye", "farewell"]],
                 "oos_test": [["weather", "oos"]], "extra": {"ignored": [1, 2]}}
                """);

        assertThat(DatasetReader.read(file, DatasetSplit.TEST)).containsExactly(
                new LabeledUtterance("hello", "greet"), new LabeledUtterance("bye", "farewell"),
                new LabeledUtterance("weather", "oos"));
        assertThat(DatasetReader.read(file, DatasetSplit.TRAIN)).extracting(LabeledUtterance::label)
                .containsExactly("greet", "oos");
    }

    @Test
    void jsonErrorsNameFileAndLine() throws IOException {
        Path badPair = write("p.json", "{\"test\": [\n[\"ok\", \"a\"],\n[\"only text\"]\n]}");
        Path missing = write("m.json", "{\"val\": []}");
        Path broken = write("b.json", "{\"test\": [\n[\"x\", \"y\"\n}");

        assertThatThrownBy(() -> DatasetReader.read(badPair, DatasetSplit.TEST))
                .hasMessageStartingWith(badPair + ":3: entries of \"test\" must be [text, intent] pairs");
        assertThatThrownBy(() -> DatasetReader.read(missing, DatasetSplit.TEST))
                .hasMessageContaining("no \"test\" list; keys found: [val]");
        assertThatThrownBy(() -> DatasetReader.read(broken, DatasetSplit.TEST))
                .hasMessageStartingWith(broken + ":3: ");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
