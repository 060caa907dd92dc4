//! Link settings for a Node-API addon whose `napi_*` symbols come from the `node` executable.
//!
//! The addon links against no library: Node-API functions are resolved from the process that
//! `dlopen`s it. On Linux (and other ELF targets) a shared object may have undefined symbols, so
//! nothing is needed. macOS's linker rejects them unless told to leave them for the dynamic
//! loader. (Windows would need an import library for `node.exe`; liveloom does not target it yet.)

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("macos") {
        println!("cargo::rustc-cdylib-link-arg=-Wl,-undefined,dynamic_lookup");
    }
}
