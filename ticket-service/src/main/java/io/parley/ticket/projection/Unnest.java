package io.parley.ticket.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Many rows in one statement and one round trip: each column goes to PostgreSQL as one array, and
 * {@code unnest(…)} turns the arrays back into rows. Values travel as text and are cast to the column's type there
 * ({@code timestamptz}, {@code integer}, {@code boolean}), so an {@link java.time.Instant} is a timestamp literal ({@link #timestamptz}).
 * One statement rather than a JDBC batch: one round trip whatever the row count, and no pgjdbc batch handler (whose
 * internal assertion turns a connection lost mid-batch into an {@code AssertionError} under {@code -ea}). Also how such
 * a statement's {@code = any(?)} list is bound and a {@code timestamptz} read back.
 *
 * @param <R> the row type the columns read their values from
 */
public final class Unnest<R> {

    /** One column: its name, its PostgreSQL type and how a row gives its value (null for SQL null). */
    public record Column<R>(String name, String type, Function<R, Object> value) {

        public static <R> Column<R> text(String name, Function<R, Object> value) {
            return new Column<>(name, "text", value);
        }

        public static <R> Column<R> time(String name, Function<R, Instant> value) {
            return new Column<>(name, "timestamptz", row -> timestamptz(value.apply(row)));
        }
    }

    private final String table;
    private final List<Column<R>> columns;

    public Unnest(String table, List<Column<R>> columns) {
        this.table = table;
        this.columns = List.copyOf(columns);
    }

    /** {@code insert into <table> (…) select * from unnest(…) <suffix>}: {@code suffix} such as an on-conflict clause. */
    public void insert(Connection connection, Collection<R> rows, String suffix) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        String sql = "insert into " + table + " (" + names(columns) + ") select * from " + unnest() + " " + suffix;
        execute(connection, sql, rows);
    }

    /** Sets every column but the {@code keys} of the rows whose keys match. */
    public void update(Connection connection, Collection<R> rows, List<String> keys) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        String set = columns.stream().map(Column::name).filter(name -> !keys.contains(name))
                .map(name -> name + " = u." + name).collect(Collectors.joining(", "));
        String where = keys.stream().map(key -> "t." + key + " = u." + key).collect(Collectors.joining(" and "));
        String sql = "update " + table + " t set " + set + " from " + unnest() + " as u (" + names(columns)
                + ") where " + where;
        execute(connection, sql, rows);
    }

    private String unnest() {
        return "unnest(" + columns.stream().map(column -> "?::" + column.type() + "[]")
                .collect(Collectors.joining(", ")) + ")";
    }

    private void execute(Connection connection, String sql, Collection<R> rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameter = 0;
            for (Column<R> column : columns) {
                statement.setArray(++parameter, texts(connection, rows.stream().map(column.value()).toList()));
            }
            statement.executeUpdate();
        }
    }

    /** Reads one row of a query's result into whatever its caller keeps. */
    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /**
     * Runs the query {@code sql} with each of {@code keys} bound, in order, as a {@code text[]} parameter (for its
     * {@code = any(?)} or {@code unnest(?)}), and hands every row of the result to {@code reader}: one round trip.
     */
    public static void query(Connection connection, String sql, RowReader reader, Collection<?>... keys)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int parameter = 0; parameter < keys.length; parameter++) {
                statement.setArray(parameter + 1, texts(connection, keys[parameter]));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        }
    }

    /** A {@code text[]} of the values' strings (null stays null), for {@code = any(?)} or a column of {@link Unnest}. */
    public static java.sql.Array texts(Connection connection, Collection<?> values) throws SQLException {
        return connection.createArrayOf("text", values.stream().map(value -> value == null ? null : value.toString())
                .toArray(String[]::new));
    }

    /**
     * An instant as PostgreSQL reads a {@code timestamptz}: {@link Instant#toString()} would write a year past 9999 as
     * {@code +10000-…} and one before year 1 as {@code -0001-…}, which PostgreSQL refuses although its range holds them.
     */
    static String timestamptz(Instant instant) {
        if (instant == null) {
            return null;
        }
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        int year = utc.getYear();
        return String.format(Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d.%06d+00%s", year > 0 ? year : 1 - year,
                utc.getMonthValue(), utc.getDayOfMonth(), utc.getHour(), utc.getMinute(), utc.getSecond(),
                utc.getNano() / 1_000, year > 0 ? "" : " BC");
    }

    /** A {@code timestamptz} column read back as an instant (null stays null). */
    public static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String names(List<? extends Column<?>> columns) {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }
}
