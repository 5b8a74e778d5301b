package io.parley.devstack.simulate;

import io.parley.events.Channel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How the simulated traffic divides over channels, e.g. {@code whatsapp:60,messenger:20,instagram:10,api:10}. */
public record Mix(Map<Channel, Integer> weights) {

    public static final String DEFAULT = "whatsapp:60,messenger:20,instagram:10,api:10";
    private static final List<Channel> SIMULATED = List.of(Channel.WHATSAPP, Channel.MESSENGER, Channel.INSTAGRAM,
            Channel.API);

    public Mix {
        weights = Map.copyOf(weights);
        if (weights.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
            throw new IllegalArgumentException("a mix needs at least one channel with a positive weight");
        }
    }

    /** Parses {@code channel:weight,…}; the channels are whatsapp, messenger, instagram and api. */
    public static Mix parse(String text) {
        Map<Channel, Integer> weights = new EnumMap<>(Channel.class);
        for (String part : text.split(",")) {
            String[] pair = part.strip().split(":");
            if (pair.length != 2) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not channel:weight (e.g. " + DEFAULT + ")");
            }
            Channel channel;
            try {
                channel = Channel.fromWireName(pair[0].strip());
            } catch (IllegalArgumentException e) {
                channel = null;
            }
            if (channel == null || !SIMULATED.contains(channel)) {
                throw new IllegalArgumentException("'" + pair[0].strip() + "' is not a simulated channel: use "
                        + SIMULATED.stream().map(Channel::wireName).collect(Collectors.joining(", ")));
            }
            int weight;
            try {
                weight = Integer.parseInt(pair[1].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the weight of " + pair[0].strip() + " is not a whole number: '"
                        + pair[1].strip() + "'");
            }
            if (weight < 0) {
                throw new IllegalArgumentException("the weight of " + pair[0].strip() + " is negative");
            }
            weights.merge(channel, weight, Integer::sum);
        }
        return new Mix(weights);
    }

    /** The channel at {@code uniform} (in [0, 1)) of the cumulative weights, in a fixed channel order. */
    public Channel pick(double uniform) {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        double point = uniform * total;
        List<Channel> present = new ArrayList<>(SIMULATED);
        present.removeIf(channel -> weights.getOrDefault(channel, 0) == 0);
        int cumulative = 0;
        for (Channel channel : present) {
            cumulative += weights.get(channel);
            if (point < cumulative) {
                return channel;
            }
        }
        return present.get(present.size() - 1);
    }
}
