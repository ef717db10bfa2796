import Foundation
import Testing
@testable import ZhengtongApp

@Suite("启动配置")
struct ConfigurationTests {
    @Test("未设置 DATABASE_URL 时使用数据目录下的 SQLite 文件")
    func defaults() throws {
        let config = try AppConfig.fromEnvironment(["ZHENGTONG_DATA_DIR": "/var/lib/zt"])
        #expect(config.database == .sqlite(path: "/var/lib/zt/zhengtong.sqlite"))
        #expect(config.bcryptCost == 12)
        #expect(!config.isBehindTLS)
        #expect(!config.trustProxyHeaders)
    }

    @Test("接受 postgres:// 与 sqlite:/// 地址")
    func databaseURLs() throws {
        #expect(try AppConfig.fromEnvironment(["DATABASE_URL": "postgres://zt:pw@db:5432/zhengtong"]).database == .postgres(url: "postgres://zt:pw@db:5432/zhengtong"))
        #expect(try AppConfig.fromEnvironment(["DATABASE_URL": "sqlite:///srv/zt.sqlite"]).database == .sqlite(path: "/srv/zt.sqlite"))
    }

    @Test("无效配置给出说明要设置什么的中文信息")
    func invalid() {
        let cases: [([String: String], String)] = [
            (["DATABASE_URL": "mysql://x@y/z"], "DATABASE_URL"),
            (["DATABASE_URL": "sqlite://relative.db"], "绝对路径"),
            (["DATABASE_URL": "postgres://host/db"], "用户名"),
            (["ZHENGTONG_BCRYPT_COST": "99"], "ZHENGTONG_BCRYPT_COST"),
            (["ZHENGTONG_PUBLIC_URL": "oa"], "ZHENGTONG_PUBLIC_URL"),
            (["ZHENGTONG_TEMPLATES_DIR": "/no/such/dir"], "目录不存在"),
            (["ZHENGTONG_TRUST_PROXY": "maybe"], "ZHENGTONG_TRUST_PROXY"),
            (["ZHENGTONG_FONT_DIRS": "/tmp:/no/such/fonts"], "ZHENGTONG_FONT_DIRS"),
        ]
        for (environment, expected) in cases {
            do {
                _ = try AppConfig.fromEnvironment(environment)
                Issue.record("\(environment) was accepted")
            } catch {
                #expect("\(error)".contains(expected), "\(error)")
                #expect("\(error)".hasPrefix("配置错误"))
            }
        }
    }

    @Test("ZHENGTONG_FONT_DIRS 按 : 分成多个目录，顺序不变")
    func fontDirectories() throws {
        #expect(try AppConfig.fromEnvironment(["ZHENGTONG_FONT_DIRS": "/usr/share:/tmp"]).fontDirectories == ["/usr/share", "/tmp"])
        #expect(try AppConfig.fromEnvironment([:]).fontDirectories == [])
    }

    @Test("https 地址打开 Secure Cookie；演示配置使用 ./demo-data 或 --data-dir")
    func tlsAndDemo() throws {
        #expect(try AppConfig.fromEnvironment(["ZHENGTONG_PUBLIC_URL": "https://oa.example.gov.cn"]).isBehindTLS)
        #expect(try AppConfig.demo(arguments: ["zhengtong", "demo"]).database == .sqlite(path: "./demo-data/zhengtong.sqlite"))
        #expect(try AppConfig.demo(arguments: ["zhengtong", "demo", "--data-dir", "/tmp/x"]).database == .sqlite(path: "/tmp/x/zhengtong.sqlite"))
        #expect(try AppConfig.demo(arguments: ["zhengtong", "demo", "--database-url", "postgres://u:p@localhost:5432/zt"]).database
                == .postgres(url: "postgres://u:p@localhost:5432/zt"))
        #expect(throws: ConfigurationError.self) { try AppConfig.demo(arguments: ["zhengtong", "demo", "--database-url=mysql://x@y/z"]) }
    }
}
