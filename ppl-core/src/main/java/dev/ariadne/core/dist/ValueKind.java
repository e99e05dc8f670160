package dev.ariadne.core.dist;

/** The type of value a distribution draws: one per {@link Dist} kind. */
public enum ValueKind {
    /** A double, drawn by a {@link RealDist}. */
    REAL,
    /** An int, drawn by an {@link IntDist}. */
    INT,
    /** A boolean, drawn by a {@link BoolDist}. */
    BOOL,
    /** A double[], drawn by a {@link VecDist}. */
    VECTOR,
    /** Any object, drawn by an {@link ObjDist}. */
    OBJECT
}
