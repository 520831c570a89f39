package com.stockcount.scaningest.scan;

import com.stockcount.contracts.scan.v1.CodeKind;
import java.util.Locale;
import java.util.Optional;

/** What the device says it scanned; decides how the code is read and which {@link CodeKind} it becomes. */
public enum ScanType {
    BARCODE(CodeKind.BARCODE),
    BIN(CodeKind.BIN_LABEL),
    SERIAL(CodeKind.SERIAL),
    /** An RFID tag read by a handheld sled: the code is the EPC in hex. */
    EPC(CodeKind.EPC);

    private final CodeKind kind;

    ScanType(CodeKind kind) {
        this.kind = kind;
    }

    public CodeKind kind() {
        return kind;
    }

    /** The type named by a client ({@code barcode|bin|serial|epc}, any case); absent means barcode. */
    public static Optional<ScanType> parse(String name) {
        if (name == null) {
            return Optional.of(BARCODE);
        }
        for (ScanType type : values()) {
            if (type.name().equals(name.toUpperCase(Locale.ROOT))) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
