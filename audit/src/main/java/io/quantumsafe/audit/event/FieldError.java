package io.quantumsafe.audit.event;

/** Why one field of one event was rejected; {@code field} is the JSON name ("$" for the event as a whole). */
public record FieldError(String field, String message) {
    @Override
    public String toString() { return field + ": " + message; }
}
