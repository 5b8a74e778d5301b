package io.parley.ingest.normalize;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns one channel's webhook JSON into events, in the channel's order. Pure: no I/O, no clock. */
public interface ChannelNormalizer {

    void normalize(JsonNode body, EventCollector out);
}
