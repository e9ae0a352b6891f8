package com.themepress.model.semver;

/** The relation a primitive comparator demands between a candidate version and its bound. */
enum Operator {
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    EQUAL("");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    static Operator fromSymbol(String symbol) {
        return switch (symbol) {
            case "<" -> LESS;
            case "<=" -> LESS_OR_EQUAL;
            case ">" -> GREATER;
            case ">=" -> GREATER_OR_EQUAL;
            case "", "=" -> EQUAL;
            default -> throw new IllegalArgumentException("not an operator: " + symbol);
        };
    }

    /** Whether a comparison result (candidate versus bound) satisfies this operator. */
    boolean accepts(int comparison) {
        return switch (this) {
            case LESS -> comparison < 0;
            case LESS_OR_EQUAL -> comparison <= 0;
            case GREATER -> comparison > 0;
            case GREATER_OR_EQUAL -> comparison >= 0;
            case EQUAL -> comparison == 0;
        };
    }

    String symbol() {
        return symbol;
    }
}
