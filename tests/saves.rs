//! Saves keep what users own: the file's mode, its symbolic link, files planted beside it; and a
//! failed save leaves nothing behind.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use geokg::{Article, Extractor, Graph};

struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let p = std::env::temp_dir().join(format!("geokg-saves-{}-{}", name, std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Dir(p)
    }

    /// The names in the folder, sorted.
    fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        v.sort();
        v
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn graph(text: &str) -> Graph {
    let ex = Extractor::default();
    let a = Article::from_text("a", text);
    let mut g = Graph::new();
    g.add_analysis(&a, &ex.analyze(&a));
    g
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

/// A graph file made private stays private when saved again (it became 644).
#[test]
fn a_save_keeps_the_mode() {
    let d = Dir::new("mode");
    let p = d.0.join("g.json");
    graph("T\nRussia condemned France.\n").save(&p).unwrap();
    for m in [0o600, 0o640, 0o444] {
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(m)).unwrap();
        graph("T\nIran threatened Israel.\n").save(&p).unwrap();
        assert_eq!(mode(&p), m);
    }
    assert_eq!(Graph::load(&p).unwrap(), graph("T\nIran threatened Israel.\n"));
    assert_eq!(d.names(), ["g.json"]);
}

/// Saving through a symbolic link replaces the file it points to and keeps the link (it was
/// replaced by a file).
#[test]
fn a_save_through_a_symlink_keeps_the_link() {
    let d = Dir::new("link");
    std::fs::create_dir(d.0.join("real")).unwrap();
    let real = d.0.join("real/g.gkg");
    graph("T\nRussia condemned France.\n").save(&real).unwrap();
    let link = d.0.join("g.gkg");
    std::os::unix::fs::symlink("real/g.gkg", &link).unwrap();
    let chain = d.0.join("g2.gkg");
    std::os::unix::fs::symlink("g.gkg", &chain).unwrap();
    let new = graph("T\nIran threatened Israel.\n");
    new.save(&chain).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::symlink_metadata(&chain).unwrap().file_type().is_symlink());
    assert_eq!(Graph::load(&real).unwrap(), new);
    assert_eq!(d.names(), ["g.gkg", "g2.gkg", "real"]);
    // a link to a file not there yet creates the file
    let dangling = d.0.join("new.json");
    std::os::unix::fs::symlink("real/new.json", &dangling).unwrap();
    new.save(&dangling).unwrap();
    assert_eq!(Graph::load(&d.0.join("real/new.json")).unwrap(), new);
}

/// A link planted where the old fixed temporary name was (`NAME.tmp`) is left alone: the save
/// does not write through it (it overwrote the link's target).
#[test]
fn a_save_never_follows_a_planted_temporary_name() {
    let d = Dir::new("planted");
    let victim = d.0.join("victim.txt");
    std::fs::write(&victim, "precious\n").unwrap();
    let p = d.0.join("g.json");
    std::os::unix::fs::symlink(&victim, d.0.join("g.json.tmp")).unwrap();
    std::os::unix::fs::symlink(&victim, d.0.join(format!(".g.json.{}-0.tmp", std::process::id()))).unwrap();
    for _ in 0..3 {
        graph("T\nRussia condemned France.\n").save(&p).unwrap();
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    assert_eq!(Graph::load(&p).unwrap(), graph("T\nRussia condemned France.\n"));
    let mut expected = vec![
        format!(".g.json.{}-0.tmp", std::process::id()),
        "g.json".into(),
        "g.json.tmp".into(),
        "victim.txt".into(),
    ];
    expected.sort();
    assert_eq!(d.names(), expected);
}

/// A save that fails (here, onto a folder) is an error naming the path and leaves no temporary
/// file behind (`NAME.tmp` stayed).
#[test]
fn a_failed_save_leaves_nothing_behind() {
    let d = Dir::new("failed");
    let p = d.0.join("g.json");
    std::fs::create_dir(&p).unwrap();
    std::fs::write(p.join("inside"), "x").unwrap();
    let e = graph("T\nRussia condemned France.\n").save(&p).unwrap_err();
    assert_eq!(e.path.as_deref(), Some(p.as_path()));
    assert_eq!(d.names(), ["g.json"]);
    // a folder that is not there: the error names it, nothing is created
    let e = graph("T\nRussia condemned France.\n").save(&d.0.join("no/g.json")).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("{}: cannot create a file in this folder: no such file or folder", d.0.join("no").display())
    );
    assert_eq!(d.names(), ["g.json"]);
}
