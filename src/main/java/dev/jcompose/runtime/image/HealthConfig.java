package dev.jcompose.runtime.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Docker's HEALTHCHECK in an image config. Test is ["NONE"], ["CMD", args...] or ["CMD-SHELL", command];
 * durations are nanoseconds, 0 meaning "inherit the default".
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
@JsonIgnoreProperties(ignoreUnknown = true)
public record HealthConfig(
        @JsonProperty("Test") List<String> test,
        @JsonProperty("Interval") long interval,
        @JsonProperty("Timeout") long timeout,
        @JsonProperty("StartPeriod") long startPeriod,
        @JsonProperty("StartInterval") long startInterval,
        @JsonProperty("Retries") int retries) {

    public HealthConfig {
        test = test == null ? List.of() : List.copyOf(test);
    }
}
