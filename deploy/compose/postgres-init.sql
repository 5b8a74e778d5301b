-- The databases of the services that keep one (each migrates its own schema with Flyway at start).
CREATE DATABASE parley_bot;
CREATE DATABASE parley_ticket;
CREATE DATABASE parley_analytics;
