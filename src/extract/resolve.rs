//! Turning what an expression says into a value, against the reference date
//! and the narrative.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::lexicon::{Holiday, Unit};
use super::{Amount, Context, Fallback, Found, Raw, Tense, Value, Yr};
use crate::model::{DateValue, MAX_YEAR, MIN_YEAR, Precision};

/// Resolves a found expression in its context. `None` when nothing can be said.
pub fn resolve(f: &Found, ctx: &Context) -> Option<Value> {
    let reference = ctx.reference();
    let value = match f.raw {
        Raw::Calendar {
            year,
            month,
            day,
            weekday,
        } => {
            // a month and day the text gave with its year before: that day
            if let (None, Some(m), Some(d), None) = (year, month, day, weekday) {
                if let Some(named) = ctx.named_day(m, d) {
                    return Some(finish(Value::Date(DateValue::Day(named)), f));
                }
            }
            let value = calendar(year, month, day, weekday, reference, f.tense)?;
            match narrative_day(&value, year, ctx, f.tense) {
                Some(d) => Value::Date(DateValue::Day(d)),
                None => value,
            }
        }
        Raw::Weekday { weekday: wd, dir } => match pinned_weekday(wd, dir, ctx) {
            Some(d) => Value::Date(DateValue::Day(d)),
            None => weekday(wd, dir, reference?, f.tense)?,
        },
        Raw::Days(n) => match reference? {
            DateValue::Day(d) => {
                Value::Date(DateValue::Day(d.checked_add_signed(Duration::days(n))?))
            }
            other => coarse(other)?,
        },
        // "the weekend" said on a weekday: the one before in the past tense, else
        // the one ahead (the same ISO week); said on a weekend, that one
        Raw::Units {
            unit: Unit::Weekend,
            offset: 0,
        } => match reference? {
            DateValue::Day(d) => {
                let weekend = d.weekday().number_from_monday() >= 6;
                let back = !weekend && f.tense == Tense::Past;
                let week = shift(DateValue::Day(d), Unit::Week, if back { -1 } else { 0 })?;
                self::weekend(Unit::Weekend, week)
            }
            other => coarse(other)?,
        },
        Raw::Units { unit, offset } => weekend(unit, shift(reference?, unit, offset)?),
        Raw::Season { season, year, dir } => {
            let year = match year {
                Yr::Abs(y) => y,
                Yr::Rel(k) => known_year(reference?)? + k,
                Yr::Open => {
                    let start = reference?.start();
                    known_year(reference?)?;
                    // winter belongs to the year of its December
                    let (sy, cur) = match start.month() {
                        1 | 2 => (start.year() - 1, 3),
                        m => (start.year(), (m as i64 - 3) / 3),
                    };
                    let idx = pick(sy as i64 * 4 + cur, season as i64, 4, dir, f.tense);
                    idx.div_euclid(4) as i32
                }
            };
            in_range(year)?;
            Value::Date(DateValue::Season { year, season })
        }
        Raw::Quarter { quarter, year, dir } => {
            let year = match year {
                Yr::Abs(y) => y,
                Yr::Rel(k) => known_year(reference?)? + k,
                Yr::Open => {
                    let start = reference?.start();
                    known_year(reference?)?;
                    let cur = start.year() as i64 * 4 + (start.month() as i64 - 1) / 3;
                    // results for a quarter come out after it ends and a plan
                    // for one is made before it starts: the past tense says
                    // which ("profit rose in the first quarter" said in October
                    // is that year's); otherwise the nearest
                    // only the past tense is a safe cue: "expects to report
                    // third-quarter results" looks back at an ended quarter
                    let tense = match f.tense {
                        Tense::Past => Tense::Past,
                        _ => Tense::Unknown,
                    };
                    pick(cur, quarter as i64 - 1, 4, dir, tense).div_euclid(4) as i32
                }
            };
            in_range(year)?;
            Value::Date(DateValue::Quarter { year, quarter })
        }
        Raw::Decade(d) => Value::Date(DateValue::Decade(d)),
        Raw::Century(c) => Value::Date(DateValue::Century(c)),
        Raw::Ref(k) => Value::Ref(k),
        Raw::Holiday { holiday, year, dir } => {
            let day = match year {
                Yr::Abs(y) => holiday_date(holiday, y)?,
                Yr::Rel(k) => holiday_date(holiday, known_year(reference?)? + k)?,
                Yr::Open => {
                    let r = reference?;
                    if r.precision() > Precision::Month {
                        holiday_date(holiday, known_year(r)?)?
                    } else {
                        let rd = r.start();
                        let cands = (rd.year() - 1..=rd.year() + 1)
                            .filter_map(|y| holiday_date(holiday, y));
                        let slack = if f.week_of { 7 } else { 3 };
                        pick_day(cands, rd, dir, f.tense, slack)?
                    }
                }
            };
            Value::Date(DateValue::Day(day))
        }
        Raw::Anaphor { unit, offset } => weekend(unit, anaphor(unit, offset, ctx)?),
        Raw::Anchored { date, unit, offset } => anchored(date, unit, offset)?,
        Raw::Duration { amount, unit } => Value::Duration(duration_value(amount, unit)),
        Raw::Set {
            unit,
            every,
            weekday,
        } => Value::Set(match (weekday, f.part) {
            (Some(wd), _) => format!("XXXX-WXX-{}", wd + 1),
            (None, Some(p)) => format!("XXXX-XX-XXT{}", p.code()),
            (None, None) => duration_value(
                Amount {
                    n: Some(every),
                    half: false,
                },
                unit,
            ),
        }),
        Raw::Reported { year, fallback } => reported(year, fallback, f.tense, ctx)?,
        Raw::InYear { month, day, offset } => {
            // a decade or a century does not say which year "last year" is
            let year = known_year(reference?)? + offset;
            in_range(year)?;
            match day {
                Some(d) => DateValue::day(year, month, d),
                None => DateValue::month(year, month),
            }
            .map(Value::Date)?
        }
        Raw::Clock => {
            let (h, m) = f.clock?;
            return Some(Value::Unanchored(format!("XXXX-XX-XXT{h:02}:{m:02}")));
        }
    };
    Some(finish(value, f))
}

/// A week found for a weekend is that week's weekend (`1990-W32-WE`).
fn weekend(unit: Unit, value: Value) -> Value {
    match (unit, value) {
        (Unit::Weekend, Value::Date(DateValue::Week { year, week })) => {
            Value::Weekend { year, week }
        }
        (_, value) => value,
    }
}

/// Applies what rides on a date: "the week of", a clock time, a part of the day.
fn finish(value: Value, f: &Found) -> Value {
    let Value::Date(d) = value else {
        return value;
    };
    if f.week_of {
        if let DateValue::Day(day) = d {
            let w = day.iso_week();
            return Value::Date(DateValue::Week {
                year: w.year(),
                week: w.week() as u8,
            });
        }
        return value;
    }
    if let DateValue::Day(day) = d {
        if let Some((h, m)) = f.clock {
            return Value::Time(day, h, m);
        }
    }
    value
}

fn in_range(year: i32) -> Option<()> {
    (MIN_YEAR..=MAX_YEAR).contains(&year).then_some(())
}

/// Among the values `target + k * period` near `cur`, the one the direction or
/// the tense picks: "last" the latest before, "next" the earliest after, "this"
/// and open wording the nearest, the past tense the latest not after, the
/// future tense the earliest not before.
fn pick(cur: i64, target: i64, period: i64, dir: Option<i8>, tense: Tense) -> i64 {
    let base = cur - cur.rem_euclid(period) + target;
    let cands = [base - period, base, base + period];
    let nearest = || {
        *cands
            .iter()
            .min_by_key(|c| (c.abs_diff(cur), **c > cur))
            .unwrap_or(&base)
    };
    match (dir, tense) {
        (Some(-1), _) => cands.iter().rev().find(|c| **c < cur).copied(),
        (Some(1), _) => cands.iter().find(|c| **c > cur).copied(),
        (Some(_), _) => Some(nearest()),
        (None, Tense::Past) => cands.iter().rev().find(|c| **c <= cur).copied(),
        (None, Tense::Future) => cands.iter().find(|c| **c >= cur).copied(),
        (None, _) => Some(nearest()),
    }
    .unwrap_or(base)
}

/// Among candidate days, the one the direction or the tense picks (see `pick`);
/// the past and the future allow some slack around the reference (news is
/// often dated a day or two off the events it reports, and a sentence in the past
/// tense may speak of a date just ahead).
fn pick_day(
    cands: impl Iterator<Item = NaiveDate> + Clone,
    r: NaiveDate,
    dir: Option<i8>,
    tense: Tense,
    slack_days: i64,
) -> Option<NaiveDate> {
    let slack = Duration::days(slack_days);
    let nearest = || {
        cands
            .clone()
            .min_by_key(|c| ((*c - r).num_days().abs(), *c > r))
    };
    match (dir, tense) {
        (Some(-1), _) => cands.clone().filter(|c| *c < r).max(),
        (Some(1), _) => cands.clone().filter(|c| *c > r).min(),
        (Some(_), _) => nearest(),
        (None, Tense::Past) => cands.clone().filter(|c| *c <= r + slack).max(),
        (None, Tense::Future) => cands.clone().filter(|c| *c + slack >= r).min(),
        (None, _) => nearest(),
    }
}

/// A month and day without a year (`value` as the reference gives it) in a
/// narrative about another year than the reference's (a timeline of 2018 in an
/// article of 2019, "on December 19, 2018 ... on December 20"): the first such
/// day from the narrative's date on, within the months after it. Only when that
/// day lies nearer the narrative's date than the reference's reading lies to
/// the reference, and not in the future tense, which speaks from the reference
/// ("the trial opens Feb. 10").
fn narrative_day(
    value: &Value,
    year: Option<i32>,
    ctx: &Context,
    tense: Tense,
) -> Option<NaiveDate> {
    let Value::Date(DateValue::Day(near)) = value else {
        return None;
    };
    let n = ctx.narrative?;
    let r = ctx.published?;
    let r_day = r.start()
        + Duration::days(if r.precision() == Precision::Day {
            0
        } else {
            14
        });
    // a full date starts a narrative; a month in passing does not
    if year.is_some()
        || tense == Tense::Future
        || n.precision() != Precision::Day
        || n.first_year() == r.first_year()
    {
        return None;
    }
    let (m, d) = (near.month(), near.day());
    let from = n.start() - Duration::days(7);
    let far = (*near - r_day).num_days().abs();
    (n.first_year()..=n.first_year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
        .find(|c| *c >= from && *c <= from + Duration::days(300))
        .filter(|c| (*c - n.start()).num_days().abs() < far)
}

/// How far past the reference a date may lie in a past-tense sentence (or
/// before it in a future one) and still be taken in the reference's year. News
/// gives the year of any date outside the current one, so a month and day
/// without it, a few weeks ahead, is this year's even in the past tense ("gave
/// no reason for the Jan. 14 deadline", "invited them to a ceremony on March 12").
const MONTH_DAY_SLACK: i64 = 30;

fn calendar(
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    weekday: Option<u8>,
    reference: Option<DateValue>,
    tense: Tense,
) -> Option<Value> {
    if let Some(y) = year {
        return match (month, day) {
            (Some(m), Some(d)) => DateValue::day(y, m, d),
            (Some(m), None) => DateValue::month(y, m),
            (None, _) => DateValue::year(y),
        }
        .map(Value::Date);
    }
    let Some(r) = reference else {
        return match (month, day) {
            (Some(m), Some(d)) => Some(Value::Unanchored(format!("XXXX-{m:02}-{d:02}"))),
            (Some(m), None) => Some(Value::Unanchored(format!("XXXX-{m:02}"))),
            _ => None,
        };
    };
    let rd = r.start();
    let ry = rd.year();
    match (month, day) {
        (Some(m), Some(d)) => {
            if r.precision() >= Precision::Year {
                // a decade or a century does not say which year
                return match known_year(r) {
                    Some(y) => DateValue::day(y, m, d).map(Value::Date),
                    None => Some(Value::Unanchored(format!("XXXX-{m:02}-{d:02}"))),
                };
            }
            let cands = (ry - 1..=ry + 1).filter_map(move |y| NaiveDate::from_ymd_opt(y, m, d));
            if let Some(wd) = weekday {
                let fits = cands
                    .clone()
                    .filter(|c| c.weekday().num_days_from_monday() == wd as u32)
                    .min_by_key(|c| (*c - rd).num_days().abs());
                if let Some(c) = fits {
                    return Some(Value::Date(DateValue::Day(c)));
                }
            }
            let reference_day = match r {
                DateValue::Day(d) => d,
                // a month reference: its middle
                _ => rd + Duration::days(14),
            };
            // news leaves the year out for dates of the current year: open
            // wording takes this year's date when it is within five months
            if matches!(tense, Tense::Unknown | Tense::Present) {
                if let Some(same) = NaiveDate::from_ymd_opt(ry, m, d) {
                    if (same - reference_day).num_days().abs() <= 150 {
                        return Some(Value::Date(DateValue::Day(same)));
                    }
                }
            }
            pick_day(cands, reference_day, None, tense, MONTH_DAY_SLACK)
                .map(|d| Value::Date(DateValue::Day(d)))
        }
        (Some(m), None) => {
            if r.precision() >= Precision::Year {
                return match known_year(r) {
                    Some(y) => DateValue::month(y, m).map(Value::Date),
                    None => Some(Value::Unanchored(format!("XXXX-{m:02}"))),
                };
            }
            let cur = ry as i64 * 12 + rd.month() as i64 - 1;
            // open wording: this year's month unless it lies far from the reference
            if matches!(tense, Tense::Unknown | Tense::Present)
                && (m as i64 - rd.month() as i64).abs() <= 9
            {
                return DateValue::month(ry, m).map(Value::Date);
            }
            let idx = pick(cur, m as i64 - 1, 12, None, tense);
            DateValue::month(idx.div_euclid(12) as i32, idx.rem_euclid(12) as u32 + 1)
                .map(Value::Date)
        }
        (None, Some(d)) => {
            let DateValue::Day(rday) = r else {
                return coarse(r);
            };
            let months = [-1i32, 0, 1].map(|k| {
                let total = ry * 12 + rday.month() as i32 - 1 + k;
                NaiveDate::from_ymd_opt(total.div_euclid(12), total.rem_euclid(12) as u32 + 1, d)
            });
            pick_day(months.into_iter().flatten(), rday, None, tense, 3)
                .map(|d| Value::Date(DateValue::Day(d)))
        }
        (None, None) => None,
    }
}

/// A weekday said alone that the text gave with its date before ("on Tuesday
/// (June 12) ... on Tuesday morning"): that date, when it lies within a week of
/// the reference (or there is no reference day to weigh it against).
fn pinned_weekday(wd: u8, dir: Option<i8>, ctx: &Context) -> Option<NaiveDate> {
    if dir.is_some() {
        return None;
    }
    let day = ctx.weekdays[usize::from(wd)]?;
    match ctx.reference() {
        Some(DateValue::Day(r)) => ((day - r).num_days().abs() < 7).then_some(day),
        _ => Some(day),
    }
}

fn weekday(wd: u8, dir: Option<i8>, r: DateValue, tense: Tense) -> Option<Value> {
    let DateValue::Day(rd) = r else {
        return coarse(r);
    };
    let from = rd.weekday().num_days_from_monday() as i64;
    let to = wd as i64;
    let back = (from - to).rem_euclid(7);
    let fwd = (to - from).rem_euclid(7);
    let delta = match dir {
        Some(-1) => -(if back == 0 { 7 } else { back }),
        Some(1) => {
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
        Some(_) if tense == Tense::Past => -back,
        Some(_) => fwd,
        None if tense == Tense::Future => fwd,
        None => -back,
    };
    Some(Value::Date(DateValue::Day(
        rd.checked_add_signed(Duration::days(delta))?,
    )))
}

/// A reference coarser than a day resolves day-grained expressions only to its
/// own precision: a month or a year is kept, a week or a season gives its
/// year when it lies in one, and a decade or a century gives nothing (which
/// of its years is not known).
fn coarse(r: DateValue) -> Option<Value> {
    match r.precision() {
        Precision::Month | Precision::Year => Some(Value::Date(r)),
        _ => DateValue::year(known_year(r)?).map(Value::Date),
    }
}

/// The one calendar year the whole of `r` lies in, if there is one: not for
/// a decade, a century, or a winter (December to February).
fn known_year(r: DateValue) -> Option<i32> {
    let first = r.start().year();
    let last = r.end().pred_opt().map_or(first, |d| d.year());
    (first == last).then_some(first)
}

/// True when the whole of `r` lies in one month, quarter, year, decade or
/// century (`unit`), so that moving it by that unit gives one value.
fn within(r: DateValue, unit: Unit) -> bool {
    let key = |d: NaiveDate| -> i64 {
        let (y, m) = (d.year() as i64, d.month0() as i64);
        match unit {
            Unit::Month => y * 12 + m,
            Unit::Quarter => y * 4 + m / 3,
            Unit::Decade => y.div_euclid(10),
            Unit::Century => y.div_euclid(100),
            _ => y,
        }
    };
    let first = r.start();
    key(first) == key(r.end().pred_opt().unwrap_or(first))
}

fn week_of(d: NaiveDate) -> DateValue {
    let w = d.iso_week();
    DateValue::Week {
        year: w.year(),
        week: w.week() as u8,
    }
}

fn shift(r: DateValue, unit: Unit, offset: i32) -> Option<Value> {
    let start = r.start();
    let value = match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => match r {
            DateValue::Day(d) => {
                let days = if unit == Unit::Day { offset as i64 } else { 0 };
                DateValue::Day(d.checked_add_signed(Duration::days(days))?)
            }
            other => return coarse(other),
        },
        Unit::Week | Unit::Weekend | Unit::Fortnight => match r {
            DateValue::Day(d) => {
                let weeks = if unit == Unit::Fortnight {
                    2 * offset
                } else {
                    offset
                };
                week_of(d.checked_add_signed(Duration::weeks(weeks as i64))?)
            }
            DateValue::Week { .. } if offset == 0 => r,
            other => return coarse(other),
        },
        // a reference that spans several of the unit (a year for "next
        // month", a decade for "last year") gives, moved, the year when all
        // it can mean lies in one, else nothing
        Unit::Month | Unit::Quarter | Unit::Year | Unit::Decade | Unit::Century
            if !within(r, unit) =>
        {
            return moved_year(r, unit, offset);
        }
        Unit::Month => {
            let total = start.year() * 12 + start.month() as i32 - 1 + offset;
            DateValue::month(total.div_euclid(12), total.rem_euclid(12) as u32 + 1)?
        }
        Unit::Quarter => {
            let q = (start.month() as i32 - 1) / 3 + offset;
            let year = start.year() + q.div_euclid(4);
            in_range(year)?;
            DateValue::Quarter {
                year,
                quarter: (q.rem_euclid(4) + 1) as u8,
            }
        }
        Unit::Year => DateValue::year(start.year() + offset)?,
        Unit::Decade => DateValue::Decade(start.year().div_euclid(10) + offset),
        Unit::Century => DateValue::Century(start.year().div_euclid(100) + offset),
    };
    Some(Value::Date(value))
}

/// The year of `r` moved by `offset` units of `unit` (months, quarters or
/// years and more), when every day of `r` moved lands in that one year.
fn moved_year(r: DateValue, unit: Unit, offset: i32) -> Option<Value> {
    let months = match unit {
        Unit::Month => offset,
        Unit::Quarter => 3 * offset,
        Unit::Year => 12 * offset,
        Unit::Decade => 120 * offset,
        Unit::Century => 1200 * offset,
        _ => return None,
    };
    let year_of = |d: NaiveDate| {
        let total = d.year() * 12 + d.month0() as i32 + months;
        total.div_euclid(12)
    };
    let first = year_of(r.start());
    let last = year_of(r.end().pred_opt().unwrap_or(r.start()));
    (first == last)
        .then(|| DateValue::year(first))
        .flatten()
        .map(Value::Date)
}

/// "The following day", "later that year": from the last date the text spoke of.
fn anaphor(unit: Unit, offset: i32, ctx: &Context) -> Option<Value> {
    let base = match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day | Unit::Week | Unit::Weekend => ctx
            .last_day
            .map(DateValue::Day)
            .or(ctx.last_date)
            .or(ctx.reference())?,
        _ => ctx.last_date.or(ctx.reference())?,
    };
    shift(base, unit, offset)
}

/// A quarter named by reference in a business report (see [`Raw::Reported`]).
fn reported(year: Yr, fallback: Fallback, tense: Tense, ctx: &Context) -> Option<Value> {
    if fallback == Fallback::EndedQuarter {
        let ended = shift(ctx.reference()?, Unit::Quarter, -1)?;
        let named = ctx
            .last_quarter
            .filter(|q| matches!(ended, Value::Date(e) if q.start() <= e.start()));
        return Some(named.map_or(ended, Value::Date));
    }
    if let Some(DateValue::Quarter { year: qy, quarter }) = ctx.last_quarter {
        let year = match year {
            Yr::Abs(y) => y,
            Yr::Rel(k) => qy + k,
            Yr::Open => qy,
        };
        in_range(year)?;
        return Some(Value::Date(DateValue::Quarter { year, quarter }));
    }
    let k = match year {
        Yr::Rel(k) => k,
        _ => 0,
    };
    match (fallback, year) {
        (Fallback::None | Fallback::EndedQuarter, _) => None,
        // results are told after the quarter ends: in the past tense "the
        // quarter" is the one before the reference's
        (Fallback::Quarter, _) => {
            let back = if tense == Tense::Past { -1 } else { 0 };
            shift(ctx.reference()?, Unit::Quarter, back)
        }
        (Fallback::Year, Yr::Abs(y)) => DateValue::year(y).map(Value::Date),
        (Fallback::Year, _) => shift(ctx.reference()?, Unit::Year, k),
        (Fallback::YearAnaphor, _) => anaphor(Unit::Year, k, ctx),
    }
}

/// "Ten years after <a dated event>": the event's date moved by the amount, at
/// the grain the wording supports.
fn anchored(date: DateValue, unit: Unit, offset: i32) -> Option<Value> {
    match unit {
        Unit::Year | Unit::Decade | Unit::Century => {
            let years = match unit {
                Unit::Decade => 10 * offset,
                Unit::Century => 100 * offset,
                _ => offset,
            };
            DateValue::year(date.first_year() + years).map(Value::Date)
        }
        Unit::Month | Unit::Quarter => {
            let months = if unit == Unit::Quarter {
                3 * offset
            } else {
                offset
            };
            match date.precision() {
                Precision::Day | Precision::Week | Precision::Month => {
                    shift(date, Unit::Month, months)
                }
                _ => {
                    let s = date.start();
                    let total = s.year() * 12 + s.month() as i32 - 1 + months;
                    DateValue::year(total.div_euclid(12)).map(Value::Date)
                }
            }
        }
        _ => match date {
            DateValue::Day(_) => shift(date, unit, offset),
            other => coarse(other),
        },
    }
}

/// A length of time in TimeML's form: `P3D`, `PT5H30M`, `P18M`, `PXY`.
fn duration_value(a: Amount, unit: Unit) -> String {
    let (mult, letter, time) = match unit {
        Unit::Second => (1, 'S', true),
        Unit::Minute => (1, 'M', true),
        Unit::Hour => (1, 'H', true),
        Unit::Day => (1, 'D', false),
        Unit::Weekend => (2, 'D', false),
        Unit::Week => (1, 'W', false),
        Unit::Fortnight => (2, 'W', false),
        Unit::Month => (1, 'M', false),
        Unit::Quarter => (3, 'M', false),
        Unit::Year => (1, 'Y', false),
        Unit::Decade => (10, 'Y', false),
        Unit::Century => (100, 'Y', false),
    };
    let t = if time { "T" } else { "" };
    let Some(n) = a.n else {
        return format!("P{t}X{letter}");
    };
    if !a.half {
        return format!("P{t}{}{letter}", n as u64 * mult);
    }
    // a half unit more, written in the next finer unit where there is one
    match unit {
        Unit::Hour if n == 0 => "PT30M".to_string(),
        Unit::Hour => format!("PT{n}H30M"),
        Unit::Minute => format!("PT{n}M30S"),
        Unit::Day => format!("PT{}H", n as u64 * 24 + 12),
        Unit::Year => format!("P{}M", n as u64 * 12 + 6),
        Unit::Decade => format!("P{}Y", n as u64 * 10 + 5),
        Unit::Century => format!("P{}Y", n as u64 * 100 + 50),
        Unit::Month => format!("P{}D", n as u64 * 30 + 15),
        Unit::Week | Unit::Fortnight => format!("P{}D", (n as u64 * 14 + 7) * mult / 2),
        _ => format!("P{t}{}{letter}", n as u64 * mult),
    }
}

/// The day a holiday falls on in a year (United States dates for the
/// federal holidays; Western Easter).
pub fn holiday_date(h: Holiday, year: i32) -> Option<NaiveDate> {
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    let nth = |m, wd: Weekday, n: u8| NaiveDate::from_weekday_of_month_opt(year, m, wd, n);
    let last = |m: u32, wd: Weekday| {
        let next = NaiveDate::from_ymd_opt(year + (m / 12) as i32, m % 12 + 1, 1)?;
        let mut d = next.pred_opt()?;
        while d.weekday() != wd {
            d = d.pred_opt()?;
        }
        Some(d)
    };
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return None;
    }
    match h {
        Holiday::Christmas => ymd(12, 25),
        Holiday::ChristmasEve => ymd(12, 24),
        Holiday::BoxingDay => ymd(12, 26),
        Holiday::NewYear => ymd(1, 1),
        Holiday::NewYearsEve => ymd(12, 31),
        Holiday::Halloween => ymd(10, 31),
        Holiday::Valentines => ymd(2, 14),
        Holiday::VeteransDay => ymd(11, 11),
        Holiday::MayDay => ymd(5, 1),
        Holiday::Easter => easter(year),
        Holiday::GoodFriday => easter(year)?.checked_sub_signed(Duration::days(2)),
        Holiday::Thanksgiving => nth(11, Weekday::Thu, 4),
        Holiday::ElectionDay => nth(11, Weekday::Mon, 1)?.succ_opt(),
        Holiday::MemorialDay => last(5, Weekday::Mon),
        Holiday::LaborDay => nth(9, Weekday::Mon, 1),
        Holiday::MlkDay => nth(1, Weekday::Mon, 3),
        Holiday::PresidentsDay => nth(2, Weekday::Mon, 3),
        Holiday::ColumbusDay => nth(10, Weekday::Mon, 2),
    }
}

/// Western Easter Sunday by the Gregorian computus.
fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn holidays_fall_on_their_days() {
        assert_eq!(easter(2000), Some(d(2000, 4, 23)));
        assert_eq!(easter(2019), Some(d(2019, 4, 21)));
        assert_eq!(easter(1998), Some(d(1998, 4, 12)));
        assert_eq!(
            holiday_date(Holiday::Thanksgiving, 1999),
            Some(d(1999, 11, 25))
        );
        assert_eq!(
            holiday_date(Holiday::ElectionDay, 1998),
            Some(d(1998, 11, 3))
        );
        assert_eq!(
            holiday_date(Holiday::ElectionDay, 2016),
            Some(d(2016, 11, 8))
        );
        assert_eq!(
            holiday_date(Holiday::MemorialDay, 2021),
            Some(d(2021, 5, 31))
        );
        assert_eq!(holiday_date(Holiday::LaborDay, 2020), Some(d(2020, 9, 7)));
    }

    #[test]
    fn durations_are_written_the_timeml_way() {
        let a = |n, half| Amount { n, half };
        assert_eq!(duration_value(a(Some(3), false), Unit::Day), "P3D");
        assert_eq!(duration_value(a(Some(5), true), Unit::Hour), "PT5H30M");
        assert_eq!(duration_value(a(Some(4), false), Unit::Decade), "P40Y");
        assert_eq!(duration_value(a(None, false), Unit::Year), "PXY");
        assert_eq!(duration_value(a(Some(1), true), Unit::Year), "P18M");
        assert_eq!(duration_value(a(Some(16), false), Unit::Hour), "PT16H");
    }

    #[test]
    fn pick_follows_direction_and_tense() {
        // months: reference October (index 9), target January (0)
        let cur = 1998 * 12 + 9;
        assert_eq!(pick(cur, 0, 12, None, Tense::Past), 1998 * 12);
        assert_eq!(pick(cur, 0, 12, None, Tense::Future), 1999 * 12);
        assert_eq!(pick(cur, 9, 12, Some(-1), Tense::Unknown), 1997 * 12 + 9);
        assert_eq!(pick(cur, 9, 12, None, Tense::Past), cur);
    }
}
