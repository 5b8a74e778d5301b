package io.parley.ingest.outbound;

import io.parley.ingest.channel.LiveChannelRegistry;
import io.parley.ingest.kafka.DurableLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Wires the framework-free outbound classes from configuration. */
public class OutboundBeans {

    @Produces
    @ApplicationScoped
    LedgerLog ledgerLog(DurableLog log, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        return new LedgerLog(log, bootstrapServers);
    }

    @Produces
    @ApplicationScoped
    DeliveryLedger ledger(LedgerLog journal,
            @ConfigProperty(name = "parley.ingest.outbound.ledger-horizon") Duration horizon) {
        return new DeliveryLedger(journal, Clock.systemUTC(), horizon);
    }

    @Produces
    @ApplicationScoped
    OutboundDispatcher dispatcher(LiveChannelRegistry registry, DeliveryLedger ledger,
            @ConfigProperty(name = "parley.ingest.graph.base-url") String graphBaseUrl,
            @ConfigProperty(name = "parley.ingest.graph.timeout") Duration timeout,
            @ConfigProperty(name = "parley.ingest.outbound.max-attempts") int maxAttempts,
            @ConfigProperty(name = "parley.ingest.outbound.initial-backoff") Duration initialBackoff,
            @ConfigProperty(name = "parley.ingest.outbound.max-backoff") Duration maxBackoff,
            @ConfigProperty(name = "parley.ingest.outbound.whatsapp-per-second") int whatsappPerSecond,
            @ConfigProperty(name = "parley.ingest.outbound.human-agent-tag") boolean humanAgentTag) {
        ThroughputLimiter throughput = new ThroughputLimiter(whatsappPerSecond, System::nanoTime, Pause.SLEEP);
        HttpSender sender = new HttpSender(graphBaseUrl, timeout, throughput, humanAgentTag);
        return new OutboundDispatcher(registry, sender, new RetryPolicy(maxAttempts, initialBackoff, maxBackoff),
                Pause.SLEEP, ledger, Clock.systemUTC());
    }
}
