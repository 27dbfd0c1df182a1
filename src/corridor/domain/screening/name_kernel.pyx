# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# cython: initializedcheck=False
"""The compiled loops of ``bulk_names.py``: ``best_name_match`` (and the alignment of
``names/compare.py`` under it) for many pairs of names at once.

The rules are those of ``score.py`` and ``compare.py``, step for step and in the same order
of additions, so that a pair weighs here to the last bit what it weighs there
(``tests/domain/screening/test_bulk_names.py`` holds the two equal). Written in Cython and
compiled when the package is installed, so a run loads it as any extension module: no compiler
to import and no code to load from a cache on every run (numba did both, for 0.3 to 0.45 s).

Names come as ``bulk_names.NameTable`` lays them out: every reading a row of token numbers,
with each part's (then each two adjacent parts written as one's) flags for a middle part and
a guessed reading. Token similarities come sorted by pair of token numbers
(``left * vocabulary + right``); a pair that needs one not yet known is listed in ``unknown``
and left undone, for the caller to learn it and ask again.
"""

from libc.math cimport INFINITY, NAN, isnan
from libc.stdint cimport int64_t
from libc.stdlib cimport free, malloc

cdef enum:
    PENALTY = 0  # the places of the model's name rules in ``rules``
    CONFLICT = 1
    CAP = 2
    NO_MATCH = 3
    MIDDLE_FACTOR = 4


cdef struct Readings:
    const int64_t* count  # parts of each reading
    const int64_t* tokens  # rows of ``width`` token numbers, -1 padded
    const int64_t* joined  # the token number of parts k and k+1 written as one
    const unsigned char* middle  # rows of 2 * width: the parts, then the joined pairs
    const unsigned char* guess
    Py_ssize_t width


cdef struct Known:
    const int64_t* keys
    const double* values
    Py_ssize_t size
    int64_t* unknown  # its first cell counts the keys listed after it
    Py_ssize_t room


cdef struct Side:
    # One side of an alignment: its parts' token numbers and weights, whether each is a
    # middle part or a guessed reading, and whether it is matched.
    int64_t* parts
    double* weights
    unsigned char* middles
    unsigned char* guesses
    unsigned char* used


cdef struct Work:
    # An alignment's candidates (gain, similarity, place), best first, and the places of the
    # parts left unmatched.
    double* gains
    double* sims
    int64_t* order
    int64_t* certain


def weigh(
    const int64_t[::1] lefts,
    const int64_t[::1] rights,
    const int64_t[::1] start,
    const int64_t[::1] stop,
    const int64_t[::1] count,
    const int64_t[:, ::1] tokens,
    const int64_t[:, ::1] joined,
    const unsigned char[:, ::1] middle,
    const unsigned char[:, ::1] guess,
    const double[::1] weights,
    const double[::1] rules,
    const int64_t[::1] known_keys,
    const double[::1] known_values,
    double[::1] out,
    const int64_t[::1] where,
    int64_t[::1] unknown,
    unsigned char[::1] done,
) -> None:
    """``out[where[p]]`` = the bits of pair p of names (by row range of readings: the best
    over every reading of each, the left as traveller) and ``done[p]`` = 1, for each pair
    whose token similarities are all known; the unknown ones are listed in ``unknown`` and
    their pairs get ``done[p]`` = 0."""
    cdef Py_ssize_t width = tokens.shape[1]
    cdef Readings readings = Readings(
        &count[0], &tokens[0, 0], &joined[0, 0], &middle[0, 0], &guess[0, 0], width
    )
    # (with bounds unchecked, ``&a[0]`` of an empty array is its data pointer, never read)
    cdef Known known = Known(
        &known_keys[0], &known_values[0], known_keys.shape[0], &unknown[0], unknown.shape[0]
    )
    cdef Side left, right
    cdef Work work
    cdef void* block = malloc(width * (2 * 8 + 2 * 8 + 6) + width * width * 24 + width * 8 + 64)
    if block == NULL:
        raise MemoryError()
    cdef char* cursor = <char*>block
    left.parts = <int64_t*>cursor; cursor += width * 8
    right.parts = <int64_t*>cursor; cursor += width * 8
    work.order = <int64_t*>cursor; cursor += width * width * 8
    work.certain = <int64_t*>cursor; cursor += width * 8
    left.weights = <double*>cursor; cursor += width * 8
    right.weights = <double*>cursor; cursor += width * 8
    work.gains = <double*>cursor; cursor += width * width * 8
    work.sims = <double*>cursor; cursor += width * width * 8
    left.middles = <unsigned char*>cursor; cursor += width
    left.guesses = <unsigned char*>cursor; cursor += width
    left.used = <unsigned char*>cursor; cursor += width
    right.middles = <unsigned char*>cursor; cursor += width
    right.guesses = <unsigned char*>cursor; cursor += width
    right.used = <unsigned char*>cursor
    cdef Py_ssize_t p
    cdef int64_t a, b
    cdef double best, bits
    cdef bint complete
    try:
        with nogil:
            for p in range(lefts.shape[0]):
                best = rules[NO_MATCH]
                complete = True
                for a in range(start[lefts[p]], stop[lefts[p]]):
                    for b in range(start[rights[p]], stop[rights[p]]):
                        bits = _reading_bits(
                            &readings, a, b, &weights[0], &rules[0], &known, &left, &right,
                            &work, weights.shape[0]
                        )
                        if isnan(bits):
                            complete = False
                        elif bits > best:
                            best = bits
                if complete:
                    out[where[p]] = best
                done[p] = complete
    finally:
        free(block)


cdef double _reading_bits(
    const Readings* readings,
    int64_t a,
    int64_t b,
    const double* weights,
    const double* rules,
    Known* known,
    Side* left,
    Side* right,
    Work* work,
    int64_t vocabulary,
) noexcept nogil:
    """``best_name_match``'s bits for reading ``a`` (left) against reading ``b``: -inf when
    no part matches, NaN when a token similarity is not known yet."""
    cdef int64_t lc = readings.count[a], rc = readings.count[b]
    # ``compare.align_variants``: only the name with more parts can have written two apart
    cdef bint found = False, complete = True, better
    cdef double best_weight = 0.0, best_total = 0.0, matched, total
    cdef int64_t best_matches = 0, best_lv = 0, best_rv = 0, matches, lv, rv, ln, rn
    for lv in range(lc if lc > rc else 1):
        ln = _variant(readings, a, lv - 1, weights, left)
        for rv in range(rc if rc > lc else 1):
            rn = _variant(readings, b, rv - 1, weights, right)
            matches = _align(left, ln, right, rn, readings.width, vocabulary, known, work,
                             &matched, &total)
            complete = complete and matches >= 0
            better = matched > best_weight or (matched == best_weight and total < best_total)
            if not found or better:
                found = True
                best_weight, best_total, best_matches = matched, total, matches
                best_lv, best_rv = lv, rv
    if not complete:
        return NAN
    if best_matches == 0:
        return -INFINITY
    # the best alignment again, for its left-over parts
    ln = _variant(readings, a, best_lv - 1, weights, left)
    rn = _variant(readings, b, best_rv - 1, weights, right)
    _align(left, ln, right, rn, readings.width, vocabulary, known, work, &matched, &total)
    cdef int64_t kept_left = _certain(left, ln, _guesses_left(right, rn), weights, work.certain)
    cdef double unmatched = _unmatched(left, work.certain, kept_left, weights,
                                       rules[MIDDLE_FACTOR])
    cdef int64_t kept_right = _certain(right, rn, _guesses_left(left, ln), weights,
                                       work.certain)
    unmatched += _unmatched(right, work.certain, kept_right, weights, rules[MIDDLE_FACTOR])
    cdef int64_t kept = kept_right if kept_right < kept_left else kept_left
    cdef double bits = best_weight - rules[PENALTY] * unmatched - rules[CONFLICT] * kept
    return rules[CAP] if rules[CAP] < bits else bits


cdef int64_t _variant(
    const Readings* readings, int64_t row, int64_t merge, const double* weights, Side* side
) noexcept nogil:
    """Reading ``row``'s parts as written (``merge`` < 0), or with parts ``merge`` and
    ``merge+1`` written as one, weighing what the heavier of the two does
    (``compare.variants``), into ``side``; how many parts it has."""
    cdef Py_ssize_t width = readings.width
    cdef const int64_t* tokens = readings.tokens + row * width
    cdef const unsigned char* middle = readings.middle + row * 2 * width
    cdef const unsigned char* guess = readings.guess + row * 2 * width
    cdef int64_t n = 0, k = 0
    cdef double first, second
    while k < readings.count[row]:
        if k == merge:
            side.parts[n] = readings.joined[row * width + k]
            first, second = weights[tokens[k]], weights[tokens[k + 1]]
            side.weights[n] = second if second > first else first
            side.middles[n], side.guesses[n] = middle[width + k], guess[width + k]
            k += 2
        else:
            side.parts[n] = tokens[k]
            side.weights[n] = weights[tokens[k]]
            side.middles[n], side.guesses[n] = middle[k], guess[k]
            k += 1
        n += 1
    return n


cdef int64_t _align(
    Side* left,
    int64_t ln,
    Side* right,
    int64_t rn,
    Py_ssize_t width,
    int64_t vocabulary,
    Known* known,
    Work* work,
    double* matched_out,
    double* total_out,
) noexcept nogil:
    """``compare._align``: every pair of parts alike at all, best first, taken while both
    parts are free; the matched weight and the total weight (into the two ``_out``) and how
    many parts matched (marked in each side's ``used``), or -1 when a similarity is not
    known yet."""
    cdef int64_t n = 0, i, j, k, matches = 0
    cdef bint complete = True
    cdef double s, lighter, matched = 0.0, total = 0.0
    for i in range(ln):
        for j in range(rn):
            s = _similarity(left.parts[i] * vocabulary + right.parts[j], known)
            if s < 0.0:
                complete = False
            elif s > 0.0:
                lighter = right.weights[j] if right.weights[j] < left.weights[i] else left.weights[i]
                work.gains[n], work.sims[n], work.order[n] = s * lighter, s, i * width + j
                n += 1
    if not complete:
        matched_out[0] = total_out[0] = 0.0
        return -1
    _sort_best_first(work.gains, work.sims, work.order, n)
    for i in range(ln):
        left.used[i] = False
    for j in range(rn):
        right.used[j] = False
    for k in range(n):
        i, j = work.order[k] // width, work.order[k] % width
        if left.used[i] or right.used[j]:
            continue
        left.used[i] = right.used[j] = True
        matches += 1
        matched += work.gains[k]
        total += right.weights[j] if right.weights[j] < left.weights[i] else left.weights[i]
    total += _free_weight(left, ln)
    total += _free_weight(right, rn)
    matched_out[0], total_out[0] = matched, total
    return matches


cdef double _similarity(int64_t key, Known* known) noexcept nogil:
    """The similarity of a pair of token numbers, or -1 (listed in ``unknown``) if not known."""
    cdef Py_ssize_t low = 0, high = known.size, middle
    while low < high:  # ``np.searchsorted``, side left
        middle = (low + high) // 2
        if known.keys[middle] < key:
            low = middle + 1
        else:
            high = middle
    if low < known.size and known.keys[low] == key:
        return known.values[low]
    if known.unknown[0] + 1 < known.room:
        known.unknown[0] += 1
        known.unknown[known.unknown[0]] = key
    return -1.0


cdef double _free_weight(const Side* side, int64_t n) noexcept nogil:
    """The weight of the parts left unmatched, added in order (as ``sum`` does)."""
    cdef double total = 0.0
    cdef int64_t i
    for i in range(n):
        if not side.used[i]:
            total += side.weights[i]
    return total


cdef int64_t _guesses_left(const Side* side, int64_t n) noexcept nogil:
    """How many of a side's unmatched parts are guessed readings."""
    cdef int64_t left = 0, i
    for i in range(n):
        if side.guesses[i] and not side.used[i]:
            left += 1
    return left


cdef void _sort_best_first(double* gains, double* sims, int64_t* order, int64_t n) noexcept nogil:
    """The first ``n`` candidates in descending (gain, similarity, left part, right part),
    as Python sorts ``compare._align``'s tuples with ``reverse=True``."""
    cdef int64_t a, b, place
    cdef double gain, sim
    for a in range(1, n):
        gain, sim, place = gains[a], sims[a], order[a]
        b = a - 1
        while b >= 0 and (
            gains[b] < gain
            or (gains[b] == gain and (sims[b] < sim or (sims[b] == sim and order[b] < place)))
        ):
            gains[b + 1], sims[b + 1], order[b + 1] = gains[b], sims[b], order[b]
            b -= 1
        gains[b + 1], sims[b + 1], order[b + 1] = gain, sim, place


cdef int64_t _certain(
    const Side* side, int64_t n, int64_t absorbed, const double* weights, int64_t* out
) noexcept nogil:
    """``score._certain``: the places of one side's unmatched parts that count against the
    match, lightest first (a stable sort by weight), less as many as the other side has
    guessed readings left over; how many."""
    cdef int64_t kept = 0, i, b
    for i in range(n):
        if side.used[i] or side.guesses[i]:
            continue
        b = kept - 1
        while b >= 0 and weights[side.parts[out[b]]] > weights[side.parts[i]]:
            out[b + 1] = out[b]
            b -= 1
        out[b + 1] = i
        kept += 1
    return kept - absorbed if kept > absorbed else 0


cdef double _unmatched(
    const Side* side, const int64_t* places, int64_t n, const double* weights,
    double middle_factor
) noexcept nogil:
    """``score._unmatched_weight`` of the parts at ``places[:n]``, added in that order."""
    cdef double total = 0.0
    cdef int64_t k, i
    for k in range(n):
        i = places[k]
        total += weights[side.parts[i]] * (middle_factor if side.middles[i] else 1.0)
    return total
