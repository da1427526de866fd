package dev.fastgpu.sim.trace;

/** Thrown inside a reader for one bad row; the reader turns it into a {@link RowProblem}. */
final class BadRow extends Exception {
    BadRow(String message) {
        super(message, null, false, false);
    }

    static long parseLong(String column, String value) throws BadRow {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRow(column + " must be a whole number, got '" + value + "'");
        }
    }

    static double parseDouble(String column, String value) throws BadRow {
        try {
            double d = Double.parseDouble(value);
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new BadRow(column + " must be a number, got '" + value + "'");
        }
    }

    static int parseCount(String column, String value, int min, int max) throws BadRow {
        long v;
        try {
            v = Math.round(Double.parseDouble(value));
            if (Math.abs(Double.parseDouble(value) - v) > 1e-9) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            throw new BadRow(column + " must be a whole number, got '" + value + "'");
        }
        if (v < min || v > max) throw new BadRow(column + " must be between " + min + " and " + max + ", got " + v);
        return (int) v;
    }
}
