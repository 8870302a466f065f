//! `-o` onto every kind of path: regular files whole or not at all, devices
//! and FIFOs in place, links followed, permissions kept, temporary files
//! removed on a signal; and write errors that name the user's path.

use std::fs;
use std::os::unix::fs::{FileTypeExt as _, PermissionsExt as _};
use std::path::Path;
use std::process::{Command as Process, Stdio};
use std::time::{Duration, Instant};

use crate::support::{at, crosscheck};

/// `crosscheck extract seeds -o OUT`.
fn extract_to(out: &Path) -> std::process::Output {
    crosscheck()
        .args(["extract", "seeds", "-o"])
        .arg(out)
        .output()
        .expect("crosscheck runs")
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// No `.NAME.PID.tmp` left behind in `dir`.
fn no_temp_files(dir: &Path) -> bool {
    fs::read_dir(dir)
        .unwrap()
        .all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".tmp"))
}

#[test]
fn a_character_device_is_written_in_place_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let null = dir.path().join("null");
    let made = Process::new("mknod")
        .arg(&null)
        .args(["c", "1", "3"])
        .output();
    if !made.is_ok_and(|o| o.status.success()) {
        println!("SKIPPED: mknod is not permitted here (needs root); /dev/full covers devices");
        return;
    }
    let out = extract_to(&null);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let kind = fs::symlink_metadata(&null).unwrap().file_type();
    assert!(kind.is_char_device(), "the device is still a device");
    assert!(no_temp_files(dir.path()));
}

#[test]
fn a_fifo_is_written_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("claims.fifo");
    let made = Process::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo works");
    let reading = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    let out = extract_to(&fifo);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let kind = fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO is still a FIFO");
    let read = reading.join().unwrap();
    assert!(
        read.lines().count() > 5,
        "the reader got the claims: {read}"
    );
    assert!(read.lines().all(|l| l.starts_with('{')));
}

#[test]
fn a_symlink_is_followed_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.jsonl");
    fs::write(&real, "old\n").unwrap();
    let link = dir.path().join("link.jsonl");
    std::os::unix::fs::symlink("real.jsonl", &link).unwrap();
    let out = extract_to(&link);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let written = fs::read_to_string(&real).unwrap();
    assert!(written.starts_with("{\""), "{written}");
    assert!(no_temp_files(dir.path()));
    // A dangling link is followed too: its target is created.
    let dangling = dir.path().join("dangling.jsonl");
    std::os::unix::fs::symlink("made.jsonl", &dangling).unwrap();
    let out = extract_to(&dangling);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(fs::symlink_metadata(&dangling).unwrap().is_symlink());
    assert!(dir.path().join("made.jsonl").is_file());
}

#[test]
fn permissions_are_kept_and_a_read_only_file_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let private = dir.path().join("private.jsonl");
    fs::write(&private, "old\n").unwrap();
    fs::set_permissions(&private, fs::Permissions::from_mode(0o600)).unwrap();
    let out = extract_to(&private);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mode = fs::metadata(&private).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the mode is kept");

    let locked = dir.path().join("locked.jsonl");
    fs::write(&locked, "keep me\n").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o444)).unwrap();
    let out = extract_to(&locked);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("locked.jsonl") && err.contains("read-only"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&locked).unwrap(), "keep me\n");
    let mode = fs::metadata(&locked).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
}

#[test]
fn dev_stdout_is_standard_output() {
    let out = extract_to(Path::new("/dev/stdout"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines().count() > 5 && text.starts_with("{\""),
        "{text}"
    );
}

#[test]
fn write_errors_name_the_users_path() {
    // ENOSPC: /dev/full refuses every write.
    let out = extract_to(Path::new("/dev/full"));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("cannot write /dev/full"), "{err}");
    // A directory that does not exist.
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-dir").join("claims.jsonl");
    let out = extract_to(&missing);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&missing.display().to_string()) && !err.contains(".claims.jsonl."),
        "{err}"
    );
}

#[test]
fn a_full_stdout_fails_but_a_broken_pipe_does_not() {
    let bin = assert_cmd::cargo::cargo_bin("crosscheck");
    let run = |redirect: &str| {
        Process::new("sh")
            .arg("-c")
            .arg(format!("\"$0\" extract seeds {redirect}"))
            .arg(&bin)
            .current_dir(at(""))
            .output()
            .unwrap()
    };
    let full = run(">/dev/full");
    assert_eq!(full.status.code(), Some(2), "{}", stderr(&full));
    assert!(stderr(&full).contains("cannot write standard output"));
    // `| head`: the reader stops early; that is not an error.
    let piped = Process::new("bash")
        .arg("-c")
        .arg("set -o pipefail; \"$0\" extract seeds | head -c 10 >/dev/null")
        .arg(&bin)
        .current_dir(at(""))
        .output()
        .unwrap();
    assert_eq!(piped.status.code(), Some(0), "{}", stderr(&piped));
}

/// Starts `extract - -o OUT` with stdin held open, so the run waits with
/// its temporary file in place, and sends it `signal`.
fn interrupt(signal: &str) -> (std::process::ExitStatus, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("claims.jsonl");
    let bin = assert_cmd::cargo::cargo_bin("crosscheck");
    let mut child = Process::new(bin)
        .args(["extract", "-", "-o"])
        .arg(&out)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while no_temp_files(dir.path()) {
        assert!(started.elapsed() < Duration::from_secs(30), "no temp file");
        std::thread::sleep(Duration::from_millis(20));
    }
    let killed = Process::new("kill")
        .arg(format!("-{signal}"))
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(killed.success());
    // `wait` closes the child's stdin first, which would let the run end
    // normally before the signal lands: keep it open until the child exits.
    let stdin = child.stdin.take();
    let status = child.wait().unwrap();
    drop(stdin);
    (status, dir)
}

#[test]
fn a_signal_removes_the_temporary_file_and_says_so_in_the_exit_code() {
    for (signal, code) in [("INT", 130), ("TERM", 143), ("HUP", 129)] {
        let (status, dir) = interrupt(signal);
        assert_eq!(status.code(), Some(code), "SIG{signal}");
        assert!(no_temp_files(dir.path()), "SIG{signal} left a temp file");
        assert!(!dir.path().join("claims.jsonl").exists());
    }
}

#[test]
fn output_errors_name_the_path_given_never_the_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    fs::write(&file, "x").unwrap();
    let target = file.join("report.json");
    for args in [
        vec!["report", "seeds", "--format", "json"],
        vec!["extract", "seeds"],
    ] {
        let out = crosscheck()
            .args(&args)
            .arg("-o")
            .arg(&target)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&format!("cannot write {}", target.display())),
            "{err}"
        );
        assert!(
            !err.contains(".report.json."),
            "the temporary file is not named: {err}"
        );
    }
}
