package io.parley.bot.evaluation;

/** Which lists of a CLINC150-style JSON file to read: in-scope examples plus the matching out-of-scope ones. */
public enum DatasetSplit {
    TRAIN("train", "oos_train"),
    VALIDATION("val", "oos_val"),
    TEST("test", "oos_test");

    private final String inScopeKey;
    private final String outOfScopeKey;

    DatasetSplit(String inScopeKey, String outOfScopeKey) {
        this.inScopeKey = inScopeKey;
        this.outOfScopeKey = outOfScopeKey;
    }

    public String inScopeKey() {
        return inScopeKey;
    }

    public String outOfScopeKey() {
        return outOfScopeKey;
    }
}
