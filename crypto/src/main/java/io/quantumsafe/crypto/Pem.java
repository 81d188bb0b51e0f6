package io.quantumsafe.crypto;

import java.util.Base64;

/** One PEM block (RFC 7468): its label and DER content. Bounded before decoding. */
record Pem(String label, byte[] der) {
    /** Base64 of the largest key plus line breaks; anything longer is not a key. */
    static final int pemCharsMax = KeyCodec.encodedKeyBytesMax * 2;

    static Pem parse(String text) {
        if (text == null) throw new MalformedInputException("PEM text is missing");
        if (text.length() > pemCharsMax) {
            throw new MalformedInputException("PEM text is " + text.length() + " characters, more than any key (" + pemCharsMax + ")");
        }
        int begin = text.indexOf("-----BEGIN ");
        if (begin < 0) throw new MalformedInputException("no '-----BEGIN' line: not a PEM file");
        int labelEnd = text.indexOf("-----", begin + 11);
        if (labelEnd < 0) throw new MalformedInputException("PEM BEGIN line is not terminated");
        String label = text.substring(begin + 11, labelEnd);
        if (label.isBlank()) throw new MalformedInputException("PEM BEGIN line has no label");
        String endLine = "-----END " + label + "-----";
        // Search after the BEGIN line: an END line may not overlap it (found by KeyDecoderFuzzTest).
        int end = text.indexOf(endLine, labelEnd + 5);
        if (end < 0) throw new MalformedInputException("PEM block '" + label + "' has no matching END line");
        String body = text.substring(labelEnd + 5, end);
        try {
            return new Pem(label, Base64.getDecoder().decode(body.replaceAll("\\s", "")));
        } catch (IllegalArgumentException e) {
            throw new MalformedInputException("PEM block '" + label + "' is not valid base64", e);
        }
    }
}
