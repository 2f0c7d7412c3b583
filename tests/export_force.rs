//! `--force` replaces a regular file only, and keeps its permissions. A FIFO,
//! a device or a symbolic link at the target is refused, with or without
//! `--force`, and left as it was. (Special files are made in a temporary
//! folder, never on the real /dev.)

mod common;
mod skip;

use std::ffi::CString;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;

use annals::export::{self, ExportError, Format};
use common::{annals, root, stderr};

fn c_path(p: &Path) -> CString {
    CString::new(p.as_os_str().as_bytes()).unwrap()
}

fn mkfifo(p: &Path) {
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file there
    let rc = unsafe { libc::mkfifo(c_path(p).as_ptr(), 0o644) };
    assert_eq!(rc, 0, "mkfifo: {}", std::io::Error::last_os_error());
}

fn export_to(target: &Path, force: bool) -> std::process::Output {
    let mut args = vec!["export", "--format", "csv", "-o", target.to_str().unwrap()];
    if force {
        args.push("--force");
    }
    annals(&root(), &args)
}

#[test]
fn a_fifo_is_refused_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    for force in [false, true] {
        let o = export_to(&fifo, force);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("pipe: it is a FIFO, not a regular file"),
            "{err}"
        );
        let kind = fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo(), "--force {force} left a FIFO there");
    }
    // nothing else was left behind
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_device_node_is_refused_when_one_can_be_made() {
    let dir = tempfile::tempdir().unwrap();
    let node = dir.path().join("null");
    // the numbers of /dev/null, made here in a temporary folder
    // SAFETY: a valid NUL-terminated path; mknod only creates a node there
    let rc = unsafe {
        libc::mknod(
            c_path(&node).as_ptr(),
            libc::S_IFCHR | 0o666,
            libc::makedev(1, 3),
        )
    };
    if rc != 0 {
        skip::not_here(&format!(
            "cannot make a device node here ({}; it needs root); the FIFO test covers special files",
            std::io::Error::last_os_error()
        ));
        return;
    }
    let o = export_to(&node, true);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("it is a device, not a regular file"));
    assert!(
        fs::symlink_metadata(&node)
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn a_symbolic_link_is_refused_and_what_it_points_to_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.csv");
    fs::write(&real, "keep me\n").unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let o = export_to(&link, true);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("it is a symbolic link, not a regular file"),
        "{}",
        stderr(&o)
    );
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&real).unwrap(), "keep me\n");
    // a link to nowhere is refused too, and not followed to make a file
    let dangling = dir.path().join("dangling.csv");
    std::os::unix::fs::symlink(dir.path().join("nowhere.csv"), &dangling).unwrap();
    let o = export_to(&dangling, false);
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.path().join("nowhere.csv").exists());
}

#[test]
fn a_replaced_file_keeps_its_mode() {
    let loaded = common::bundled();
    let all: Vec<usize> = (0..loaded.timeline.len()).collect();
    let dir = tempfile::tempdir().unwrap();
    for mode in [0o600, 0o640, 0o604] {
        let target = dir.path().join(format!("private-{mode:o}.md"));
        fs::write(&target, "old").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(mode)).unwrap();
        export::write_file(&loaded.timeline, &all, Format::MD, &target, true, "all").unwrap();
        let m = fs::metadata(&target).unwrap();
        assert_eq!(m.permissions().mode() & 0o7777, mode);
        assert!(fs::read_to_string(&target).unwrap().starts_with('#'));
    }
    // and the core refuses a FIFO the same way the command line does
    let fifo = dir.path().join("fifo.md");
    mkfifo(&fifo);
    let err = export::write_file(&loaded.timeline, &all, Format::MD, &fifo, true, "all");
    assert!(matches!(err, Err(ExportError::NotAFile { .. })), "{err:?}");
}
