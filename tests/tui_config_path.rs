//! Where the key map file is looked for. In its own test binary because it
//! changes environment variables, which no other test may read meanwhile.

use std::path::PathBuf;

#[test]
fn the_key_map_file_lives_in_the_config_folder() {
    // XDG_CONFIG_HOME first, else ~/.config; read from the environment, so the
    // test sets both and restores them
    let old_xdg = std::env::var_os("XDG_CONFIG_HOME");
    let old_home = std::env::var_os("HOME");
    // SAFETY: this is the only test in this binary that touches these variables
    // and no other thread reads them while it runs.
    unsafe {
        std::env::set_var("XDG_CONFIG_HOME", "/xdg");
        std::env::set_var("HOME", "/home/u");
    }
    assert_eq!(
        annals::tui::keymap::config_path(),
        Some(PathBuf::from("/xdg/annals/keys.toml"))
    );
    unsafe {
        std::env::remove_var("XDG_CONFIG_HOME");
    }
    assert_eq!(
        annals::tui::keymap::config_path(),
        Some(PathBuf::from("/home/u/.config/annals/keys.toml"))
    );
    unsafe {
        match old_xdg {
            Some(v) => std::env::set_var("XDG_CONFIG_HOME", v),
            None => std::env::remove_var("XDG_CONFIG_HOME"),
        }
        match old_home {
            Some(v) => std::env::set_var("HOME", v),
            None => std::env::remove_var("HOME"),
        }
    }
}
