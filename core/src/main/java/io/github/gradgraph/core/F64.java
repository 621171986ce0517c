package io.github.gradgraph.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code double} in a float64 kernel source that stays {@code double} in its generated float32 twin
 * (docs/decisions/0012): an accumulator, a sum's return type, a parameter the float32 kernel takes in float64.
 * Everywhere else the generator writes {@code float} for {@code double}; it keeps {@code @F64 double} as written.
 * It has no effect on the compiled code.
 */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE_USE)
@interface F64 {
}
