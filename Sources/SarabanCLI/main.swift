import Foundation
import Saraban
let inst = Installation.locate()!
let r = try Renderer(installation: inst)
let t = try TemplateLibrary(directory: inst.templateDirectory)
let res = try r.render(dataFile: CommandLine.arguments[1], templates: t, to: CommandLine.arguments[2])
print(res.pages)
