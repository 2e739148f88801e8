package dev.chatharness.cli.load;

import dev.chatharness.load.compare.RegressionBound;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --max-regression 20%}; picocli names the option in the error. */
final class RegressionBoundConverter implements ITypeConverter<RegressionBound> {

    @Override
    public RegressionBound convert(String value) {
        try {
            return RegressionBound.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
