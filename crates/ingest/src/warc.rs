//! The raw archive: WARC 1.1 files, one gzip member per record, written as pages are
//! fetched and read back by `marsad reprocess` and `marsad import`.
//!
//! Written here rather than with the `warc` crate: that crate pulls in an old `uuid` and
//! its writer was not shown to produce one gzip member per record, which is what makes a
//! file readable after a crash (every complete member is a complete record) and lets other
//! tools seek to a record. The format needs little code: a header block, the HTTP response
//! as received (after content decoding, with `Content-Length` rewritten to match), and two
//! CRLFs.
//!
//! The reader takes WARC files from elsewhere too (wget, Heritrix): plain or gzipped, with
//! chunked or gzip/deflate-encoded HTTP bodies. A truncated last record (a crash mid-write)
//! ends the file with a warning, not an error.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::fetch::{Fetched, parse_content_type};

/// The archive folder inside the data folder.
pub const WARC_DIR: &str = "warc";

/// Headers of the recorded HTTP response that no longer describe the decoded body.
const DROPPED_HEADERS: [&str; 3] = ["content-encoding", "content-length", "transfer-encoding"];

/// Appends response records to one `.warc.gz` file.
#[derive(Debug)]
pub struct WarcWriter {
    file: File,
    path: PathBuf,
    records: u64,
}

impl WarcWriter {
    /// Start a new file `marsad-YYYYmmddTHHMMSS-PID-N.warc.gz` in `dir` (created if missing),
    /// beginning with a `warcinfo` record.
    pub fn create(dir: &Path, software: &str) -> std::io::Result<WarcWriter> {
        std::fs::create_dir_all(dir)?;
        let stamp = Utc::now().format("%Y%m%dT%H%M%S");
        let pid = std::process::id();
        let mut n = 0u32;
        let (file, path) = loop {
            let path = dir.join(format!("marsad-{stamp}-{pid}-{n}.warc.gz"));
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(file) => break (file, path),
                Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
                Err(err) => return Err(err),
            }
        };
        let mut writer = WarcWriter {
            file,
            path,
            records: 0,
        };
        let info = format!("software: {software}\r\nformat: WARC File Format 1.1\r\n");
        writer.write_record(
            "warcinfo",
            &[("Content-Type", "application/warc-fields".to_owned())],
            info.as_bytes(),
        )?;
        Ok(writer)
    }

    /// The file being written.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Response records written.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// Append the response of `fetched` (a 2xx with its body) and hand it to the OS.
    pub fn write_response(&mut self, fetched: &Fetched) -> std::io::Result<()> {
        let mut block = format!("HTTP/1.1 {} {}\r\n", fetched.status, reason(fetched.status));
        for (name, value) in &fetched.headers {
            if DROPPED_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
                continue;
            }
            block.push_str(&format!("{name}: {}\r\n", clean(value)));
        }
        block.push_str(&format!("Content-Length: {}\r\n\r\n", fetched.body.len()));
        let mut bytes = block.into_bytes();
        bytes.extend_from_slice(&fetched.body);
        let mut headers = vec![
            ("WARC-Target-URI", clean(&fetched.final_url)),
            (
                "WARC-Date",
                fetched
                    .fetched_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            ),
            (
                "Content-Type",
                "application/http; msgtype=response".to_owned(),
            ),
        ];
        if fetched.url != fetched.final_url {
            headers.push(("Marsad-Requested-URI", clean(&fetched.url)));
        }
        self.write_record("response", &headers, &bytes)?;
        self.records += 1;
        Ok(())
    }

    fn write_record(
        &mut self,
        kind: &str,
        headers: &[(&str, String)],
        block: &[u8],
    ) -> std::io::Result<()> {
        let mut head = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{}>\r\n",
            uuid_v4()
        );
        if !headers.iter().any(|(k, _)| *k == "WARC-Date") {
            head.push_str(&format!(
                "WARC-Date: {}\r\n",
                Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            ));
        }
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", block.len()));
        let mut gz = flate2::write::GzEncoder::new(
            Vec::with_capacity(block.len() / 3 + 256),
            flate2::Compression::fast(),
        );
        gz.write_all(head.as_bytes())?;
        gz.write_all(block)?;
        gz.write_all(b"\r\n\r\n")?;
        let member = gz.finish()?;
        // One write per member, so a crash leaves at most the last member incomplete.
        self.file.write_all(&member)?;
        self.file.flush()
    }
}

/// A header value on one line.
fn clean(value: &str) -> String {
    value.replace(['\r', '\n'], " ")
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        203 => "Non-Authoritative Information",
        206 => "Partial Content",
        _ => "",
    }
}

/// A random (version 4) UUID for record ids.
fn uuid_v4() -> String {
    let mut n = fastrand::u128(..);
    n = (n & !(0xf << 76)) | (0x4 << 76);
    n = (n & !(0x3 << 62)) | (0x2 << 62);
    let hex = format!("{n:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// A page read back from a WARC file.
#[derive(Debug, Clone)]
pub struct WarcPage {
    /// The URL the page was asked for (the id comes from it).
    pub requested_url: String,
    /// The URL that answered.
    pub url: String,
    /// When it was fetched.
    pub fetched_at: Option<DateTime<Utc>>,
    /// The HTTP charset.
    pub charset: Option<String>,
    /// The media type.
    pub content_type: Option<String>,
    /// The body, decoded from transfer and content encodings.
    pub body: Vec<u8>,
}

/// What reading one WARC file found.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct WarcStats {
    /// Records read.
    pub records: u64,
    /// Pages given to the caller.
    pub pages: u64,
    /// Records skipped (not a 200 page, too large, unreadable HTTP).
    pub skipped: u64,
    /// Whether the file ended inside a record.
    pub truncated: bool,
}

/// An error reading a WARC file.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct WarcError {
    /// The file.
    pub path: PathBuf,
    /// What is wrong.
    pub message: String,
}

/// Whether a path names a WARC file (`.warc`, `.warc.gz`).
pub fn is_warc_path(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// The WARC files in the data folder's archive, oldest first (by name).
pub fn archive_files(data_dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let dir = data_dir.join(WARC_DIR);
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| is_warc_path(p))
        .collect();
    files.sort();
    Ok(files)
}

/// Read the pages (200 responses and resource records of pages) of one WARC file, calling
/// `on_page` for each; records larger than `max_record_bytes` are skipped.
pub fn read_warc(
    path: &Path,
    max_record_bytes: u64,
    on_page: &mut dyn FnMut(WarcPage),
) -> Result<WarcStats, WarcError> {
    let mut pages = WarcPages::open(path, max_record_bytes)?;
    while let Some(page) = pages.next_page()? {
        on_page(page);
    }
    Ok(pages.stats().clone())
}

/// The pages of one WARC file, one at a time.
pub struct WarcPages {
    path: PathBuf,
    reader: BufReader<Box<dyn Read + Send>>,
    max_record_bytes: u64,
    stats: WarcStats,
    done: bool,
}

impl WarcPages {
    /// Open a WARC file (gzipped or not).
    pub fn open(path: &Path, max_record_bytes: u64) -> Result<WarcPages, WarcError> {
        let err = |message: String| WarcError {
            path: path.to_path_buf(),
            message,
        };
        let mut file = File::open(path).map_err(|e| err(e.to_string()))?;
        let mut magic = [0u8; 2];
        let gzipped = file.read_exact(&mut magic).is_ok() && magic == [0x1f, 0x8b];
        drop(file);
        let file = File::open(path).map_err(|e| err(e.to_string()))?;
        let input: Box<dyn Read + Send> = if gzipped {
            Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(file)))
        } else {
            Box::new(file)
        };
        Ok(WarcPages {
            path: path.to_path_buf(),
            reader: BufReader::with_capacity(256 * 1024, input),
            max_record_bytes,
            stats: WarcStats::default(),
            done: false,
        })
    }

    /// What was read so far.
    pub fn stats(&self) -> &WarcStats {
        &self.stats
    }

    /// The next page, `None` at the end (a torn last record ends the file quietly).
    pub fn next_page(&mut self) -> Result<Option<WarcPage>, WarcError> {
        while !self.done {
            match read_record(&mut self.reader, self.max_record_bytes) {
                Ok(None) => self.done = true,
                Ok(Some(Record::Skipped)) => {
                    self.stats.records += 1;
                    self.stats.skipped += 1;
                }
                Ok(Some(Record::Full { headers, block })) => {
                    self.stats.records += 1;
                    match page_of(&headers, block) {
                        Some(page) => {
                            self.stats.pages += 1;
                            return Ok(Some(page));
                        }
                        None => self.stats.skipped += 1,
                    }
                }
                Err(e) if self.stats.records > 0 => {
                    tracing::warn!(path = %self.path.display(), error = %e, "WARC file ends inside a record");
                    self.stats.truncated = true;
                    self.done = true;
                }
                Err(e) => {
                    self.done = true;
                    return Err(WarcError {
                        path: self.path.clone(),
                        message: format!("not a WARC file: {e}"),
                    });
                }
            }
        }
        Ok(None)
    }
}

enum Record {
    Full {
        headers: Vec<(String, String)>,
        block: Vec<u8>,
    },
    Skipped,
}

/// One record; `None` at a clean end of file.
fn read_record(reader: &mut dyn BufRead, max: u64) -> std::io::Result<Option<Record>> {
    let bad = |m: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, m.to_owned());
    // Skip blank lines between records.
    let mut line = String::new();
    loop {
        line.clear();
        let n = reader.take(64 * 1024).read_line(&mut line)?;
        if n == 0 {
            return Ok(None);
        }
        if !line.trim().is_empty() {
            break;
        }
    }
    if !line.starts_with("WARC/") {
        return Err(bad("record does not start with WARC/"));
    }
    let mut headers = Vec::new();
    let mut header_bytes = 0usize;
    loop {
        line.clear();
        let n = reader.take(64 * 1024).read_line(&mut line)?;
        if n == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "end of file in record headers",
            ));
        }
        header_bytes += n;
        if header_bytes > 1024 * 1024 {
            return Err(bad("record headers too long"));
        }
        let trimmed = line.trim_end_matches(['\r', '\n']);
        if trimmed.is_empty() {
            break;
        }
        if let Some((k, v)) = trimmed.split_once(':') {
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    let length: u64 = header(&headers, "content-length")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| bad("record without Content-Length"))?;
    if length > max {
        let skipped = std::io::copy(&mut reader.take(length), &mut std::io::sink())?;
        if skipped < length {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "end of file in record block",
            ));
        }
        return Ok(Some(Record::Skipped));
    }
    let mut block = Vec::with_capacity(length as usize);
    reader.take(length).read_to_end(&mut block)?;
    if (block.len() as u64) < length {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "end of file in record block",
        ));
    }
    Ok(Some(Record::Full { headers, block }))
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The page in a record, when it holds one.
fn page_of(headers: &[(String, String)], block: Vec<u8>) -> Option<WarcPage> {
    let kind = header(headers, "warc-type")?;
    let url = header(headers, "warc-target-uri")?
        .trim_matches(|c| c == '<' || c == '>')
        .to_owned();
    let requested_url = header(headers, "marsad-requested-uri")
        .map(str::to_owned)
        .unwrap_or_else(|| url.clone());
    let fetched_at = header(headers, "warc-date")
        .and_then(|d| DateTime::parse_from_rfc3339(d).ok())
        .map(|d| d.with_timezone(&Utc));
    let (content_type, charset, body) = match kind {
        "response" => {
            let record_type = header(headers, "content-type").unwrap_or_default();
            if !record_type.starts_with("application/http") {
                return None;
            }
            let (status, http_headers, body) = split_http(&block)?;
            if status != 200 {
                return None;
            }
            let (media, charset) = header(&http_headers, "content-type")
                .map(parse_content_type)
                .unwrap_or_default();
            let mut body = body.to_vec();
            if header(&http_headers, "transfer-encoding")
                .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
            {
                body = dechunk(&body)?;
            }
            if let Some(encoding) = header(&http_headers, "content-encoding") {
                body = decode_content(encoding, body)?;
            }
            (media, charset, body)
        }
        "resource" => {
            let (media, charset) = header(headers, "content-type")
                .map(parse_content_type)
                .unwrap_or_default();
            (media, charset, block)
        }
        _ => return None,
    };
    if !content_type.as_deref().is_none_or(is_page_type) {
        return None;
    }
    Some(WarcPage {
        requested_url,
        url,
        fetched_at,
        charset,
        content_type,
        body,
    })
}

/// Media types that can hold an article.
fn is_page_type(media: &str) -> bool {
    matches!(
        media,
        "text/html" | "application/xhtml+xml" | "text/plain" | "application/xml" | "text/xml"
    )
}

/// An HTTP response block split: status, headers, body.
type HttpParts<'a> = (u16, Vec<(String, String)>, &'a [u8]);

/// Status, headers and body of an HTTP response block.
fn split_http(block: &[u8]) -> Option<HttpParts<'_>> {
    let (head_end, body_start) = find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(block, b"\n\n").map(|i| (i, i + 2)))?;
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next()?;
    let status: u16 = status_line.split_whitespace().nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Some((status, headers, &block[body_start..]))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A chunked body decoded.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let line_end = find(body, b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        body = &body[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size + 2..).unwrap_or_default();
    }
}

/// A gzip or deflate body decoded (bounded); other encodings are not pages we can read.
fn decode_content(encoding: &str, body: Vec<u8>) -> Option<Vec<u8>> {
    let limit = 64 * 1024 * 1024;
    let mut out = Vec::new();
    match encoding.trim().to_ascii_lowercase().as_str() {
        "" | "identity" => return Some(body),
        "gzip" | "x-gzip" => flate2::read::MultiGzDecoder::new(body.as_slice())
            .take(limit)
            .read_to_end(&mut out)
            .ok()?,
        "deflate" => flate2::read::ZlibDecoder::new(body.as_slice())
            .take(limit)
            .read_to_end(&mut out)
            .ok()?,
        _ => return None,
    };
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fetched(url: &str, body: &str) -> Fetched {
        Fetched {
            url: url.to_owned(),
            final_url: format!("{url}?final"),
            status: 200,
            headers: vec![
                (
                    "content-type".into(),
                    "text/html; charset=windows-1256".into(),
                ),
                ("content-encoding".into(), "gzip".into()),
                ("content-length".into(), "3".into()),
            ],
            body: body.as_bytes().to_vec(),
            fetched_at: Utc::now(),
            etag: None,
            last_modified: None,
            charset: Some("windows-1256".into()),
            content_type: Some("text/html".into()),
        }
    }

    #[test]
    fn written_records_read_back_and_a_torn_tail_is_tolerated() {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = WarcWriter::create(dir.path(), "test").unwrap();
        writer
            .write_response(&fetched("https://a.example/1", "<p>واحد</p>"))
            .unwrap();
        writer
            .write_response(&fetched("https://a.example/2", "<p>اثنان</p>"))
            .unwrap();
        let path = writer.path().to_path_buf();
        drop(writer);
        let mut pages = Vec::new();
        let stats = read_warc(&path, 1 << 20, &mut |p| pages.push(p)).unwrap();
        assert_eq!((stats.records, stats.pages, stats.truncated), (3, 2, false));
        assert_eq!(pages[0].requested_url, "https://a.example/1");
        assert_eq!(pages[0].url, "https://a.example/1?final");
        assert_eq!(pages[1].body, "<p>اثنان</p>".as_bytes());
        assert_eq!(pages[1].charset.as_deref(), Some("windows-1256"));

        // A crash mid-write leaves a partial last member.
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.truncate(bytes.len() - 20);
        std::fs::write(&path, &bytes).unwrap();
        let mut pages = Vec::new();
        let stats = read_warc(&path, 1 << 20, &mut |p| pages.push(p)).unwrap();
        assert!(stats.truncated);
        assert_eq!(pages.len(), 1);
        assert_eq!(
            archive_files(dir.path().parent().unwrap()).unwrap().len(),
            0
        );
    }

    #[test]
    fn foreign_records_chunked_and_gzipped() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all("<html><p>نص</p></html>".as_bytes()).unwrap();
        let gz = gz.finish().unwrap();
        let mut chunked = format!("{:x}\r\n", gz.len()).into_bytes();
        chunked.extend_from_slice(&gz);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        http.extend_from_slice(&chunked);
        let mut warc = format!("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: <http://b.example/x>\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: {}\r\n\r\n", http.len()).into_bytes();
        warc.extend_from_slice(&http);
        warc.extend_from_slice(
            b"\r\n\r\nWARC/1.0\r\nWARC-Type: request\r\nContent-Length: 2\r\n\r\nhi\r\n\r\n",
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.warc");
        std::fs::write(&path, &warc).unwrap();
        let mut pages = Vec::new();
        let stats = read_warc(&path, 1 << 20, &mut |p| pages.push(p)).unwrap();
        assert_eq!((stats.records, stats.pages, stats.skipped), (2, 1, 1));
        assert_eq!(pages[0].url, "http://b.example/x");
        assert_eq!(pages[0].body, "<html><p>نص</p></html>".as_bytes());
        std::fs::write(&path, b"<html>not warc</html>").unwrap();
        assert!(read_warc(&path, 1 << 20, &mut |_| {}).is_err());
    }
}
