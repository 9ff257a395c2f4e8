//! Time-zone names as Zoho's functions read them (Java's `TimeZone.getTimeZone`): IANA names,
//! `GMT+5:30`-style offsets and the old three-letter IDs; anything else means GMT.

use std::str::FromStr;

use super::Zone;

/// Java's three-letter zone IDs that are not IANA names, with the zone each stands for.
const SHORT_IDS: &[(&str, &str)] = &[
    ("ACT", "Australia/Darwin"),
    ("AET", "Australia/Sydney"),
    ("AGT", "America/Argentina/Buenos_Aires"),
    ("ART", "Africa/Cairo"),
    ("AST", "America/Anchorage"),
    ("BET", "America/Sao_Paulo"),
    ("BST", "Asia/Dhaka"),
    ("CAT", "Africa/Harare"),
    ("CNT", "America/St_Johns"),
    ("CST", "America/Chicago"),
    ("CTT", "Asia/Shanghai"),
    ("EAT", "Africa/Addis_Ababa"),
    ("ECT", "Europe/Paris"),
    ("IET", "America/Indiana/Indianapolis"),
    ("IST", "Asia/Kolkata"),
    ("JST", "Asia/Tokyo"),
    ("MIT", "Pacific/Apia"),
    ("NET", "Asia/Yerevan"),
    ("NST", "Pacific/Auckland"),
    ("PLT", "Asia/Karachi"),
    ("PNT", "America/Phoenix"),
    ("PRT", "America/Puerto_Rico"),
    ("PST", "America/Los_Angeles"),
    ("SST", "Pacific/Guadalcanal"),
    ("VST", "Asia/Ho_Chi_Minh"),
    ("EST", "Etc/GMT+5"),
    ("MST", "Etc/GMT+7"),
    ("HST", "Etc/GMT+10"),
];

/// The zone a Zoho function's time-zone argument names; an unknown name is GMT, as in Zoho.
pub fn java_zone(name: &str) -> Zone {
    let name = name.trim();
    if let Some(seconds) = gmt_offset(name) {
        return Zone::Fixed(seconds);
    }
    let iana = SHORT_IDS
        .iter()
        .find(|(id, _)| *id == name)
        .map_or(name, |(_, iana)| iana);
    chrono_tz::Tz::from_str(iana)
        .map(Zone::Named)
        .unwrap_or(Zone::Fixed(0))
}

/// `GMT`, `GMT+8`, `GMT-08`, `GMT+5:30`, `GMT+0530`: the offset in seconds.
fn gmt_offset(name: &str) -> Option<i32> {
    let rest = name.strip_prefix("GMT")?;
    if rest.is_empty() {
        return Some(0);
    }
    let sign = match rest.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits = &rest[1..];
    // Only ASCII digits and `:` make an offset (byte positions below rely on it).
    if !digits.bytes().all(|b| b.is_ascii_digit() || b == b':') {
        return None;
    }
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return None,
        None if digits.len() > 2 => digits.split_at(digits.len() - 2),
        None => (digits, "0"),
    };
    if hours.is_empty() || hours.len() > 2 || !hours.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (i32, i32) = (hours.parse().ok()?, minutes.parse().ok()?);
    if h > 23 || m > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoho_zone_names() {
        assert_eq!(java_zone("GMT+5:30"), Zone::Fixed(19800));
        assert_eq!(java_zone("GMT-8"), Zone::Fixed(-28800));
        assert_eq!(java_zone("GMT"), Zone::Fixed(0));
        assert_eq!(java_zone("UTC+8"), Zone::Fixed(0));
        assert_eq!(java_zone("Hello"), Zone::Fixed(0));
        assert_eq!(java_zone("GMT+€"), Zone::Fixed(0));
        assert_eq!(java_zone("GMT-é1"), Zone::Fixed(0));
        assert_eq!(
            java_zone("SST"),
            Zone::Named(chrono_tz::Pacific::Guadalcanal)
        );
        assert_eq!(
            java_zone("Asia/Calcutta"),
            Zone::Named(chrono_tz::Asia::Calcutta)
        );
    }
}
