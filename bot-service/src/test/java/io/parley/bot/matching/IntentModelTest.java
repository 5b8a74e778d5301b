package io.parley.bot.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class IntentModelTest {

    private static final String[][] TEMPLATES = {
        {"card_arrival", "where is my new card", "my card has not arrived yet", "when will the card be delivered",
            "still waiting for my card", "card delivery is taking long", "has my card been posted"},
        {"refund", "i want my money back", "how do i get a refund", "refund the purchase please",
            "can you return my payment", "i need a refund for this order", "give me back the money"},
        {"password", "i forgot my password", "reset my password", "cannot log in password wrong",
            "change the login password", "password reset link please", "my password does not work"},
        {Prediction.OUT_OF_SCOPE, "what is the weather", "tell me a joke", "who won the football match",
            "recommend a pizza place", "play some music", "what time is it in tokyo"},
    };

    private static final IntentModel MODEL =
            IntentModel.train(utterances(), TrainingOptions.defaults(), new HashingEncoder());

    @Test
    void classifiesParaphrasesWithRankedAlternatives() {
        Prediction prediction = MODEL.classify("I would like a refund of my money");

        assertThat(prediction.label()).isEqualTo("refund");
        assertThat(prediction.alternatives()).hasSize(4);
        assertThat(prediction.alternatives().get(0)).isEqualTo(new ScoredLabel("refund", prediction.confidence()));
        assertThat(prediction.alternatives()).extracting(ScoredLabel::confidence)
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));
        // The rest of the probability is "none of these".
        assertThat(prediction.alternatives().stream().mapToDouble(ScoredLabel::confidence).sum())
                .isGreaterThan(0.5).isLessThanOrEqualTo(1.0 + 1e-9);
    }

    @Test
    void outOfScopeExamplesTeachTheModelToHandOff() {
        assertThat(MODEL.classify("what's the weather like in tokyo").decision(0)).isEqualTo(Prediction.OUT_OF_SCOPE);
        assertThat(MODEL.classify("reset password please").decision(0)).isEqualTo("password");
    }

    @Test
    void gibberishGetsLowConfidence() {
        Prediction known = MODEL.classify("i forgot my password");
        Prediction unknown = MODEL.classify("zzqx blorp");

        assertThat(unknown.confidence()).isLessThan(known.confidence());
    }

    /** Mentions an intent's word among many that none of its examples has. */
    private static final String FAR_FETCHED =
            "my password is the name of the first cat my grandmother had in her old village";
    /** The same, torn between two intents. */
    private static final String TORN_AND_FAR_FETCHED =
            "my password and my refund are the names of the cats my grandmother had in her old village";

    @Test
    void aQuestionFarFromEveryExampleIsOutOfScopeUnlessTheModelIsSureOfItsBestLabel() {
        IntentModel model = IntentModel.train(withGreetings(utterances()), TrainingOptions.defaults(),
                new HashingEncoder());
        assertThat(model.decisionWeights()).as("no \"none of these\" column").hasSize(EvidenceSources.SOURCES);

        Prediction torn = model.classify(TORN_AND_FAR_FETCHED);
        assertThat(torn.alternatives().get(0).label()).as("the decision layer's best").isEqualTo("password");
        assertThat(torn.label()).as("below the neighbour floor").isEqualTo(Prediction.OUT_OF_SCOPE);
        Prediction sure = model.classify(FAR_FETCHED);
        assertThat(sure.confidence()).isGreaterThanOrEqualTo(NeighbourFloor.SURE_ENOUGH);
        assertThat(sure.label()).isEqualTo("password");
    }

    @Test
    void withoutOutOfScopeExamplesEveryQuestionIsTakenToBeInScope() {
        List<LabeledUtterance> inScopeOnly = utterances().stream()
                .filter(u -> !u.label().equals(Prediction.OUT_OF_SCOPE)).toList();
        IntentModel model = IntentModel.train(withGreetings(inScopeOnly), TrainingOptions.defaults(),
                new HashingEncoder());

        assertThat(model.decisionWeights()).as("no \"none of these\" column").hasSize(EvidenceSources.SOURCES);
        // Far from every example, and no floor to say so.
        assertThat(model.classify(TORN_AND_FAR_FETCHED).label()).isEqualTo("password");
    }

    @Test
    void fitsTheDecisionLayerOnHeldOutUtterancesWhenThereAreEnough() {
        assertThat(MODEL.decisionWeights()).isNotEqualTo(new double[] {1, 0, 0});
    }

    @Test
    void crossFitsTheDecisionLayerWhenEachIntentHasOnlyAFewExamples() {
        List<LabeledUtterance> fewPerIntent = new ArrayList<>();
        for (String[] template : TEMPLATES) {
            for (int i = 1; i < template.length; i++) {
                fewPerIntent.add(new LabeledUtterance(template[i], template[0]));
            }
        }
        IntentModel model = IntentModel.train(fewPerIntent, TrainingOptions.defaults(), new HashingEncoder());

        double[] weights = model.decisionWeights();
        assertThat(weights).isNotEqualTo(IntentModel.SMALL_DATA_PRIOR.mean());
        for (int j = 0; j < weights.length; j++) {
            assertThat(Math.abs(weights[j] - IntentModel.SMALL_DATA_PRIOR.mean()[j]))
                    .as("weight %d stays within three deviations of the prior", j)
                    .isLessThan(3 * IntentModel.SMALL_DATA_PRIOR.deviation()[j]);
        }
    }

    @Test
    void aOneIntentModelDoesNotAnswerEverythingWithItsIntent() {
        List<LabeledUtterance> oneIntent = utterances().stream()
                .filter(u -> u.label().equals("refund") || u.label().equals(Prediction.OUT_OF_SCOPE)).toList();
        IntentModel model = IntentModel.train(oneIntent, TrainingOptions.defaults(), new HashingEncoder());

        assertThat(model.classify("how can i get a refund of the money").label()).isEqualTo("refund");
        Prediction unrelated = model.classify("bake a chocolate cake for sunday lunch");
        assertThat(unrelated.confident(IntentModel.DEFAULT_CONFIDENCE_THRESHOLD)).as(unrelated.toString()).isFalse();
    }

    @Test
    void unseenArticleRoundsLeaveOutEveryArticleOnceButNeverTheOutOfScopeExamples() {
        List<String> labels = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", Prediction.OUT_OF_SCOPE);

        List<Set<Integer>> rounds = IntentModel.unseenArticleRounds(labels, TrainingOptions.defaults());

        assertThat(rounds).hasSize(5).allSatisfy(round -> assertThat(round).hasSize(2));
        assertThat(rounds.stream().flatMap(Set::stream).sorted().toList())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(IntentModel.unseenArticleRounds(List.of("only", Prediction.OUT_OF_SCOPE), TrainingOptions.defaults()))
                .containsExactly(Set.of(0));
    }

    @Test
    void smallTrainingSetsHoldOutEveryUtteranceOnceButNeverAClassesOnlyOne() {
        int[] classes = {0, 0, 0, 1, 1, 2, 0, 1};
        List<boolean[]> rounds = IntentModel.calibrationRounds(classes, 3, TrainingOptions.defaults());

        int[] timesHeldOut = new int[classes.length];
        for (boolean[] round : rounds) {
            for (int i = 0; i < classes.length; i++) {
                timesHeldOut[i] += round[i] ? 1 : 0;
            }
            for (int c = 0; c < 3; c++) {
                int intent = c;
                assertThat(IntStream.range(0, classes.length).filter(i -> classes[i] == intent && !round[i]))
                        .as("every round keeps part of intent %d to train on", intent).isNotEmpty();
            }
        }
        assertThat(timesHeldOut).containsExactly(1, 1, 1, 1, 1, 0, 1, 1);
    }

    @Test
    void largeTrainingSetsHoldOutOneStratifiedShare() {
        int[] classes = IntStream.range(0, 200).map(i -> i % 4).toArray();
        List<boolean[]> rounds = IntentModel.calibrationRounds(classes, 4, TrainingOptions.defaults());

        assertThat(rounds).hasSize(1);
        for (int c = 0; c < 4; c++) {
            int intent = c;
            assertThat(IntStream.range(0, classes.length).filter(i -> classes[i] == intent && rounds.get(0)[i]).count())
                    .isEqualTo(8);
        }
    }

    @Test
    void refusesEmptyTrainingData() {
        assertThatThrownBy(() -> IntentModel.train(List.of(), TrainingOptions.defaults(), new HashingEncoder()))
                .hasMessageContaining("without utterances");
    }

    /**
     * Each utterance with a greeting and without: enough held-out questions for one stratified share (no "none of
     * these" column).
     */
    private static List<LabeledUtterance> withGreetings(List<LabeledUtterance> utterances) {
        return utterances.stream()
                .flatMap(u -> Stream.of(u, new LabeledUtterance("hi " + u.text(), u.label()))).toList();
    }

    private static List<LabeledUtterance> utterances() {
        List<LabeledUtterance> utterances = new ArrayList<>();
        String[] suffixes = {"", " please", " thanks", " now", " today"};
        for (String[] template : TEMPLATES) {
            for (int i = 1; i < template.length; i++) {
                for (String suffix : suffixes) {
                    utterances.add(new LabeledUtterance(template[i] + suffix, template[0]));
                }
            }
        }
        return utterances;
    }
}
