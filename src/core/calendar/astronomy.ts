/**
 * The two astronomical quantities the lunisolar calendar needs: the instants of new moons and the
 * apparent longitude of the Sun. Written from the formulas in Jean Meeus, "Astronomical
 * Algorithms" (2nd ed.): chapter 49 (phases of the Moon, accurate to well under a minute for
 * 1900–2100) and chapter 25 (solar coordinates, low accuracy, about 0.01°, i.e. ~15 minutes of
 * time). ΔT (TT − UT) uses the Espenak–Meeus polynomial fits (NASA eclipse pages).
 *
 * All Julian days here are JD numbers; JDE means Terrestrial Time, JD means Universal Time.
 */

const RAD = Math.PI / 180;

function sinDeg(deg: number): number {
  return Math.sin(deg * RAD);
}

/** Normalises an angle to [0, 360). */
export function normalizeDegrees(deg: number): number {
  const r = deg % 360;
  return r < 0 ? r + 360 : r;
}

/** Julian day of 1970-01-01 00:00 UT: links JD to the day numbers of iso-date.ts. */
export const JD_UNIX_EPOCH = 2_440_587.5;

/** ΔT = TT − UT in seconds, for a decimal year. Piecewise polynomials of Espenak & Meeus. */
export function deltaTSeconds(year: number): number {
  const y = year;
  if (y < 1900) {
    const u = (y - 1820) / 100;
    return -20 + 32 * u * u;
  }
  if (y < 1920) {
    const t = y - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (y < 1941) {
    const t = y - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (y < 1961) {
    const t = y - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (y < 1986) {
    const t = y - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (y < 2005) {
    const t = y - 2000;
    return (
      63.86 +
      0.3345 * t -
      0.060374 * t ** 2 +
      0.0017275 * t ** 3 +
      0.000651814 * t ** 4 +
      0.00002373599 * t ** 5
    );
  }
  if (y < 2050) {
    const t = y - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  const u = (y - 1820) / 100;
  if (y < 2150) return -20 + 32 * u * u - 0.5628 * (2150 - y);
  return -20 + 32 * u * u;
}

function decimalYearOfJd(jd: number): number {
  return 2000 + (jd - 2_451_545.0) / 365.25;
}

/**
 * Instant (JDE, Terrestrial Time) of the true new moon number k, where k = 0 is the new moon of
 * 2000-01-06 and k grows by one per lunation. Meeus ch. 49, with the planetary corrections.
 */
export function newMoonJde(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const T4 = T3 * T;
  const jdeMean = 2_451_550.09766 + 29.530588861 * k + 0.00015437 * T2 - 0.00000015 * T3 + 0.00000000073 * T4;
  const E = 1 - 0.002516 * T - 0.0000074 * T2;
  const M = 2.5534 + 29.1053567 * k - 0.0000014 * T2 - 0.00000011 * T3;
  const Mp = 201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3 - 0.000000058 * T4;
  const F = 160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3 + 0.000000011 * T4;
  const Om = 124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3;

  const periodic =
    -0.4072 * sinDeg(Mp) +
    0.17241 * E * sinDeg(M) +
    0.01608 * sinDeg(2 * Mp) +
    0.01039 * sinDeg(2 * F) +
    0.00739 * E * sinDeg(Mp - M) -
    0.00514 * E * sinDeg(Mp + M) +
    0.00208 * E * E * sinDeg(2 * M) -
    0.00111 * sinDeg(Mp - 2 * F) -
    0.00057 * sinDeg(Mp + 2 * F) +
    0.00056 * E * sinDeg(2 * Mp + M) -
    0.00042 * sinDeg(3 * Mp) +
    0.00042 * E * sinDeg(M + 2 * F) +
    0.00038 * E * sinDeg(M - 2 * F) -
    0.00024 * E * sinDeg(2 * Mp - M) -
    0.00017 * sinDeg(Om) -
    0.00007 * sinDeg(Mp + 2 * M) +
    0.00004 * sinDeg(2 * Mp - 2 * F) +
    0.00004 * sinDeg(3 * M) +
    0.00003 * sinDeg(Mp + M - 2 * F) +
    0.00003 * sinDeg(2 * Mp + 2 * F) -
    0.00003 * sinDeg(Mp + M + 2 * F) +
    0.00003 * sinDeg(Mp - M + 2 * F) -
    0.00002 * sinDeg(Mp - M - 2 * F) -
    0.00002 * sinDeg(3 * Mp + M) +
    0.00002 * sinDeg(4 * Mp);

  const planetaryArgs: ReadonlyArray<readonly [number, number, number]> = [
    // [coefficient, A at k = 0, A rate per lunation]; A1 also has a T² term, added below.
    [0.000325, 299.77, 0.107408],
    [0.000165, 251.88, 0.016321],
    [0.000164, 251.83, 26.651886],
    [0.000126, 349.42, 36.412478],
    [0.00011, 84.66, 18.206239],
    [0.000062, 141.74, 53.303771],
    [0.00006, 207.14, 2.453732],
    [0.000056, 154.84, 7.30686],
    [0.000047, 34.52, 27.261239],
    [0.000042, 207.19, 0.121824],
    [0.00004, 291.34, 1.844379],
    [0.000037, 161.72, 24.198154],
    [0.000035, 239.56, 25.513099],
    [0.000023, 331.55, 3.592518],
  ];
  let planetary = 0;
  planetaryArgs.forEach(([coefficient, a0, rate], i) => {
    const a = a0 + rate * k - (i === 0 ? 0.009173 * T2 : 0);
    planetary += coefficient * sinDeg(a);
  });

  return jdeMean + periodic + planetary;
}

/** Instant (JD, Universal Time) of new moon number k. */
export function newMoonJd(k: number): number {
  const jde = newMoonJde(k);
  return jde - deltaTSeconds(decimalYearOfJd(jde)) / 86_400;
}

/** Index k of the last new moon at or before the given JD (UT). */
export function newMoonIndexAtOrBefore(jd: number): number {
  let k = Math.floor((jd - 2_451_550.09766) / 29.530588861);
  while (newMoonJd(k + 1) <= jd) k += 1;
  while (newMoonJd(k) > jd) k -= 1;
  return k;
}

/** Apparent geocentric longitude of the Sun in degrees [0, 360) at a JDE. Meeus ch. 25 (low accuracy). */
export function sunApparentLongitudeTt(jde: number): number {
  const T = (jde - 2_451_545.0) / 36_525;
  const L0 = 280.46646 + 36_000.76983 * T + 0.0003032 * T * T;
  const M = 357.52911 + 35_999.05029 * T - 0.0001537 * T * T;
  const C =
    (1.914602 - 0.004817 * T - 0.000014 * T * T) * sinDeg(M) +
    (0.019993 - 0.000101 * T) * sinDeg(2 * M) +
    0.000289 * sinDeg(3 * M);
  const omega = 125.04 - 1934.136 * T;
  return normalizeDegrees(L0 + C - 0.00569 - 0.00478 * sinDeg(omega));
}

/** Apparent longitude of the Sun at a JD in Universal Time. */
export function sunApparentLongitude(jd: number): number {
  return sunApparentLongitudeTt(jd + deltaTSeconds(decimalYearOfJd(jd)) / 86_400);
}
