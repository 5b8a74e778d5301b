package io.parley.devstack.simulate;

import io.parley.devstack.simulate.Phrasebook.Kind;
import io.parley.events.Channel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * The simulated customers, who behave like people: each asks, waits for the answer and reads it (one to four
 * seconds) before writing again; after an answer some ask something else, some say thanks, some say it did not help
 * and some ask for a person. A customer handed to people waits for an agent when simulated agents are there (then
 * leaves), else leaves at once; a new customer takes the place. A customer writes on one channel, in one language.
 * Thread-safe: the sender asks for messages while observers report replies.
 */
final class Crowd {

    /** What one customer writes next. */
    record Message(String messageId, String userId, String name, Channel channel, String language, Kind kind,
                   String text) {
    }

    private enum State { READY, WAITING, WITH_PEOPLE }

    private static final class Customer {
        final int slot;
        final Channel channel;
        final String language;
        int generation;
        State state = State.READY;
        long readyAtMicros;
        /** When the message they wait an answer for was due: a reply that came before it answered an earlier one. */
        long waitingSinceMicros;
        Kind lastSaid;

        Customer(int slot, Channel channel, String language) {
            this.slot = slot;
            this.channel = channel;
            this.language = language;
        }
    }

    private static final long MIN_READING_MICROS = 1_000_000;
    private static final long MAX_READING_MICROS = 4_000_000;
    private static final String[] NAMES = {"Ana", "Li Wei", "Olga", "Sam", "Maria", "Ivan", "Chen", "Lucía"};

    private final Phrasebook phrases;
    private final Random random;
    private final String runId;
    private final boolean agentsAnswer;
    private final List<Customer> customers = new ArrayList<>();
    private final Map<String, Customer> byUser = new HashMap<>();
    private final PriorityQueue<Customer> ready =
            new PriorityQueue<>((a, b) -> Long.compare(a.readyAtMicros, b.readyAtMicros));
    private long sequence;

    /**
     * @param runId        digits that make this run's user and message ids its own (message ids are deduplicated)
     * @param agentsAnswer whether simulated agents answer customers handed to people
     */
    Crowd(int size, Mix mix, Phrasebook phrases, Random random, String runId, boolean agentsAnswer) {
        this.phrases = phrases;
        this.random = random;
        this.runId = runId;
        this.agentsAnswer = agentsAnswer;
        for (int slot = 0; slot < size; slot++) {
            Customer customer = new Customer(slot, mix.pick(random.nextDouble()), phrases.pickLanguage(random));
            customers.add(customer);
            byUser.put(userId(customer), customer);
            ready.add(customer);
        }
    }

    /** The next message of a customer who is ready to write at {@code nowMicros}; empty if everyone is waiting. */
    synchronized Optional<Message> next(long nowMicros) {
        Customer customer = ready.peek();
        if (customer == null || customer.readyAtMicros > nowMicros) {
            return Optional.empty();
        }
        ready.poll();
        Kind kind = nextKind(customer.lastSaid);
        customer.lastSaid = kind;
        customer.state = State.WAITING;
        customer.waitingSinceMicros = nowMicros;
        long n = sequence++;
        return Optional.of(new Message(messageId(customer.channel, n), userId(customer),
                NAMES[customer.slot % NAMES.length], customer.channel, customer.language, kind,
                phrases.say(kind, customer.language, random)));
    }

    /** The bot answered this customer: they read it, then write again, or wait for a person if they asked. */
    synchronized void botAnswered(String userId, long atMicros) {
        Customer customer = byUser.get(userId);
        // A late second reply to the previous message (the "did this help?" after an article) is not this one's
        // answer: the ledger gives a reply to the latest message due before it, and so does the customer.
        if (customer == null || customer.state != State.WAITING || atMicros < customer.waitingSinceMicros) {
            return;
        }
        if (customer.lastSaid == Kind.NOT_HELPED || customer.lastSaid == Kind.WANTS_PERSON) {
            withPeople(customer, atMicros);
        } else {
            readyAfterReading(customer, atMicros);
        }
    }

    /** Parley handed this customer to people (whatever they said last). */
    synchronized void handedOff(String userId, long atMicros) {
        Customer customer = byUser.get(userId);
        if (customer != null && customer.state != State.WITH_PEOPLE) {
            ready.remove(customer);
            withPeople(customer, atMicros);
        }
    }

    /** An agent answered this customer: they read it and leave; a new customer takes the place. */
    synchronized void agentAnswered(String userId, long atMicros) {
        Customer customer = byUser.get(userId);
        if (customer != null && customer.state == State.WITH_PEOPLE) {
            replaceAfterReading(customer, atMicros);
        }
    }

    private void withPeople(Customer customer, long atMicros) {
        customer.state = State.WITH_PEOPLE;
        if (!agentsAnswer) {
            replaceAfterReading(customer, atMicros);
        }
    }

    private void replaceAfterReading(Customer customer, long atMicros) {
        byUser.remove(userId(customer));
        customer.generation++;
        customer.lastSaid = null;
        byUser.put(userId(customer), customer);
        readyAfterReading(customer, atMicros);
    }

    private void readyAfterReading(Customer customer, long atMicros) {
        customer.state = State.READY;
        customer.readyAtMicros = atMicros + MIN_READING_MICROS
                + (long) (random.nextDouble() * (MAX_READING_MICROS - MIN_READING_MICROS));
        ready.add(customer);
    }

    /** After an answer: ask more, say thanks, say it did not help or ask for a person. */
    private Kind nextKind(Kind lastSaid) {
        if (lastSaid != Kind.QUESTION) {
            // a first message, after thanks or after the bot did not understand: a question (sometimes off topic)
            return lastSaid != Kind.OFF_TOPIC && random.nextDouble() < 0.1 ? Kind.OFF_TOPIC : Kind.QUESTION;
        }
        double roll = random.nextDouble();
        if (roll < 0.5) {
            return random.nextDouble() < 0.1 ? Kind.OFF_TOPIC : Kind.QUESTION;
        }
        if (roll < 0.75) {
            return Kind.THANKS;
        }
        return roll < 0.9 ? Kind.NOT_HELPED : Kind.WANTS_PERSON;
    }

    /** Digits, as WhatsApp ids and Meta's page-scoped ids are: the run, the customer's place and generation. */
    private String userId(Customer customer) {
        return runId + String.format("%06d%03d", customer.slot, customer.generation % 1000);
    }

    private String messageId(Channel channel, long n) {
        return switch (channel) {
            case WHATSAPP -> "wamid.SIM" + runId + "N" + n;
            case MESSENGER, INSTAGRAM -> "m_SIM" + runId + "N" + n;
            default -> "sim-" + runId + "-" + n;
        };
    }
}
