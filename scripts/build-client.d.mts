import type { BuildOptions, Metafile, Plugin } from 'esbuild'

/** An esbuild plugin that inlines the protocol tables' members (`Attr.CLICK` → `"lv-click"`) into the client. */
export declare function inlineProtocol(): Plugin

/** The esbuild options of the client build (ESM, splitting, hashed names, metafile). */
export declare const CLIENT_BUILD: BuildOptions & { metafile: true }

/** The entry's file name, and every output file's name with the files it imports statically and on demand. */
export declare function filesOf(metafile: Metafile): {
  entry: string
  files: Record<string, { imports: string[]; dynamic: string[] }>
}
