import Gongwen
import Testing

@Suite("写进 HTML 的文字：一个转义函数")
struct MarkupEscapingTests {
    @Test("尖括号、和号与引号成为实体，脚本不会被执行")
    func specialCharactersBecomeEntities() {
        #expect(MarkupEscaping.escape(#"<script>alert("x")</script> & 'y'"#)
            == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;")
    }

    @Test("意见里的换行和制表符保留（浏览器显示为空白），其他控制字符去掉")
    func lineBreaksStayOtherControlsGo() {
        #expect(MarkupEscaping.escape("同意。\r\n请办公室\t办理\u{0007}\u{001B}。") == "同意。\r\n请办公室\t办理。")
        #expect(MarkupEscaping.escape("关于做好安全生产工作的通知") == "关于做好安全生产工作的通知")
    }
}
